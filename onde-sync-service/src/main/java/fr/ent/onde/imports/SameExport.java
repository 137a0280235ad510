package fr.ent.onde.imports;

import fr.ent.onde.rejections.Rejections;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Topics;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Recognises an export identical to the last one imported — the same bytes (SHA-256), with nothing changed since in
 * what it would be compared with — and finishes it in one transaction without reading it: what the contract needs
 * and nothing more. A complete export publishes each school's {@code import.school-completed} marker again (with
 * the counts as they stand and no change), so that every consumer acknowledges it for this import; a delta
 * publishes nothing. The rejections and counts per school are those of the import it repeats.
 */
@ApplicationScoped
public class SameExport {

    /** The import repeated, and whether it was a complete export. */
    public record Repeated(UUID importId, boolean complete) {
    }

    private final Sql sql;
    private final Outbox outbox;
    private final ImportSchools schools;
    private final Rejections rejections;

    public SameExport(Sql sql, Outbox outbox, ImportSchools schools, Rejections rejections) {
        this.rejections = rejections;
        this.sql = sql;
        this.outbox = outbox;
        this.schools = schools;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The last completed import when this one is the same file and nothing it was compared with changed since: what
     * was published is what it left ({@link OndeImport#publishedAsLeftBy}) and no school was corrected by an operator
     * since it finished.
     */
    public Optional<Repeated> repeats(UUID id, String academyCode) {
        return sql.one("SELECT p.id, p.complete FROM onde_import n JOIN LATERAL (SELECT * FROM onde_import "
                + "WHERE status = 'COMPLETED' AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1) p "
                + "ON p.archive_sha256 = n.archive_sha256 "
                + "WHERE n.id = ? AND n.archive_sha256 IS NOT NULL AND p.complete IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM onde_school s WHERE s.updated_at > p.finished_at) "
                + "AND " + OndeImport.publishedAsLeftBy("p"),
                row -> new Repeated(row.getObject(1, UUID.class), row.getBoolean(2)), id, academyCode, id);
    }

    /**
     * Finishes import {@code id} as a repetition of {@code repeated}, in one transaction; returns the events
     * published.
     */
    public int finish(UUID id, Repeated repeated, SchoolYear year) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // The schools as they stand: those the repeated import removed are gone from onde_school.
            schools.repeat(id, repeated.importId());
            rejections.repeat(id, repeated.importId());
            if (!repeated.complete()) {
                return 0; // a delta applied twice changes nothing and announces nothing
            }
            return outbox.publishAll("SELECT ?, uai, ?, uai, json_build_object('importId', ?::text, 'uai', uai, "
                    + "'schoolYear', ?, 'complete', true, 'counts', json_build_object('pupils', pupils, 'rejected', "
                    + "rejected, 'classes', classes, 'responsables', responsables, 'staff', staff, 'changes', 0))::text "
                    + "FROM onde_import_school WHERE import_id = ? ORDER BY uai", Topics.ONDE_CHANGES,
                    EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, id.toString(), year.toString(), id);
        });
    }
}
