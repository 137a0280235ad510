package fr.ent.onde.imports;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One ONDE export received: where it came from and how far it got. */
@Entity
@Table(name = "onde_import")
public class OndeImport extends PanacheEntityBase {

    public enum Status { RECEIVED, CHECKING, HELD, REFUSED, PUBLISHING, COMPLETED, DISCARDED }

    @Id
    public UUID id;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The uploaded file name, or the drop-folder path. */
    public String source;

    @Enumerated(EnumType.STRING)
    public Status status;
}
