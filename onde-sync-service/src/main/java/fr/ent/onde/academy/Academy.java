package fr.ent.onde.academy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An académie and the school year it is in; absent until its first switchover (the configured year applies). */
@Entity
@Table(name = "onde_academy")
public class Academy extends PanacheEntityBase {

    @Id
    @Column(name = "academy_code")
    public String academyCode;

    @Column(name = "current_year")
    public String currentYear;

    /** The switchover that set it. */
    @Column(name = "switchover_id")
    public UUID switchoverId;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
