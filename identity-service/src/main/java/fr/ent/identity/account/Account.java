package fr.ent.identity.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The ENT account of one person, known by their ONDE join key. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    public enum Kind { PUPIL, PARENT, TEACHER, DIRECTEUR, STAFF }

    @Id
    @Column(name = "person_id")
    public String personId;

    public String login;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Column(name = "created_at")
    public Instant createdAt;
}
