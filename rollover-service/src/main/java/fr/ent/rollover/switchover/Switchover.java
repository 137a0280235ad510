package fr.ent.rollover.switchover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One académie's move from a school year to the next; at most one per académie and starting year. */
@Entity
@Table(name = "switchover")
public class Switchover extends PanacheEntityBase {

    public enum Status { SCHEDULED, RUNNING, COMPLETED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "academy_code")
    public String academyCode;

    @Column(name = "from_year")
    public String fromYear;

    @Column(name = "to_year")
    public String toYear;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** The rectorate user who asked for it. */
    @Column(name = "requested_by")
    public String requestedBy;

    @Version
    public int version;
}
