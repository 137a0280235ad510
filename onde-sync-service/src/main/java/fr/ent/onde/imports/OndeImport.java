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

    /**
     * RECEIVED (waiting, or confirmed and waiting to run again) → CHECKING (read whole, staged) → PUBLISHING (state
     * built, changes compared and published school by school) → COMPLETED; or REFUSED (the export is not acceptable,
     * nothing applied), FAILED (the server could not finish it: the reason says what to do), HELD by a safety brake
     * (nothing applied) → confirmed, or DISCARDED (from any state that is not final).
     */
    public enum Status {
        RECEIVED, CHECKING, HELD, REFUSED, PUBLISHING, COMPLETED, DISCARDED, FAILED;

        /** Nothing more happens to an import in a final state. */
        public boolean isFinal() {
            return this == REFUSED || this == COMPLETED || this == DISCARDED || this == FAILED;
        }
    }

    @Id
    public UUID id;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The uploaded file name, or the drop-folder path. */
    public String source;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "requested_by")
    public String requestedBy;

    /** What the import is doing now, in words: "reading ENT_17_Complet_20180903_Eleve_0001.xml". */
    public String phase;

    @Column(name = "files_total")
    public int filesTotal;

    @Column(name = "files_done")
    public int filesDone;

    @Column(name = "bytes_total")
    public long bytesTotal;

    @Column(name = "bytes_done")
    public long bytesDone;

    @Column(name = "entities_read")
    public long entitiesRead;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Why it was refused: file, line, attribute and problem. */
    public String error;

    /** A complete export (Complet), which removes what it no longer contains; else a delta. */
    public Boolean complete;

    /** The rectorate user who confirmed it after a safety brake held it: it then runs without the brakes. */
    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "schools_total")
    public int schoolsTotal;

    /** Schools compared with what was published. */
    @Column(name = "schools_done")
    public int schoolsDone;

    /** Schools with at least one event to publish. */
    @Column(name = "schools_to_publish")
    public int schoolsToPublish;

    @Column(name = "schools_published")
    public int schoolsPublished;

    @Column(name = "events_published")
    public long eventsPublished;

    /** How many times it was started (the start-up recovery gives up after a few). */
    public int attempts;

    /** The size of the kept export. */
    @Column(name = "archive_bytes")
    public long archiveBytes;

    /**
     * The one rule for "what was published is what import {@code alias} left", as an SQL condition on a row of
     * onde_import named {@code alias}: no school year switched since it was received, and no import received since
     * it — other than the one asking — published part of itself without completing. Its two parameters, in order:
     * the académie's code and the asking import's id. {@link SameExport} adds that no school was corrected since.
     */
    public static String publishedAsLeftBy(String alias) {
        return "NOT EXISTS (SELECT 1 FROM onde_academy a WHERE a.academy_code = ? AND a.updated_at >= " + alias
                + ".received_at) AND NOT EXISTS (SELECT 1 FROM onde_import o WHERE o.received_at > " + alias
                + ".received_at AND o.id <> ? AND o.schools_published > 0 AND o.status <> 'COMPLETED')";
    }

    /** The export's SHA-256, by which the same file again is recognised. */
    @Column(name = "archive_sha256")
    public String archiveSha256;

    /** When the kept export was deleted (retention, or discarded); null while it is kept. */
    @Column(name = "archive_deleted_at")
    public Instant archiveDeletedAt;
}
