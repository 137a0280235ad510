package fr.ent.onde.imports;

import fr.ent.onde.imports.check.ExportCheck.SchoolCounts;
import fr.ent.onde.imports.publish.ChangePlan.SchoolChanges;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The owner of {@code onde_import_school}: what an import found and published per school. Every write goes through
 * here — the publishing transaction's mark included ({@link #markPublished(Connection, UUID, Array)}).
 */
@ApplicationScoped
public class ImportSchools {

    private static final String MARK_PUBLISHED = "UPDATE onde_import_school SET published_at = now() "
            + "WHERE import_id = ? AND uai = ANY (?)";

    private final Sql sql;

    public ImportSchools(Sql sql) {
        this.sql = sql;
    }

    /** What the check counted per school (an import held before it compared anything). */
    void saveCounts(UUID id, List<SchoolCounts> counts) throws SQLException {
        sql.insertAll("INSERT INTO onde_import_school (import_id, uai, pupils, rejected, classes, staff) "
                + "VALUES (?, ?, ?, ?, ?, ?)", counts, c -> new Object[] {id, c.uai(), c.pupils(), c.rejected(),
                        c.classes(), c.staff()});
    }

    /** What the import leads to, per school compared. */
    void saveChanges(UUID id, List<SchoolChanges> planned) throws SQLException {
        sql.insertAll("INSERT INTO onde_import_school (import_id, uai, pupils, rejected, classes, staff, responsables, "
                + "changes, removed_pupils) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", planned, school -> new Object[] {id,
                        school.uai(), school.counts().pupils(), school.counts().rejected(), school.counts().classes(),
                        school.counts().staff(), school.counts().responsables(), school.counts().changes(),
                        school.pupilsRemoved()});
    }

    void markPublished(UUID id, String uai) {
        sql.update("UPDATE onde_import_school SET published_at = now() WHERE import_id = ? AND uai = ?", id, uai);
    }

    /**
     * Marks schools published in the transaction that publishes their events: an import run again after a crash
     * knows exactly which schools went out.
     */
    public static void markPublished(Connection connection, UUID id, Array uais) throws SQLException {
        Sql.update(connection, MARK_PUBLISHED, id, uais);
    }

    /** The schools an earlier attempt of this import published (committed with their events). */
    Set<String> published(UUID id) {
        return new HashSet<>(sql.list("SELECT uai FROM onde_import_school WHERE import_id = ? AND published_at IS NOT NULL",
                row -> row.getString(1), id));
    }

    /** The schools of import {@code id} are those of {@code repeated} that still exist, counted as they stand. */
    void repeat(UUID id, UUID repeated) {
        forget(id);
        sql.update("INSERT INTO onde_import_school (import_id, uai, pupils, rejected, classes, staff, responsables, "
                + "changes, removed_pupils, published_at) SELECT ?, p.uai, p.pupils, p.rejected, p.classes, p.staff, "
                + "p.responsables, 0, 0, now() FROM onde_import_school p JOIN onde_school s ON s.uai = p.uai "
                + "WHERE p.import_id = ?", id, repeated);
    }

    void forget(UUID id) {
        sql.update("DELETE FROM onde_import_school WHERE import_id = ?", id);
    }

    int count(UUID id) {
        return sql.one("SELECT count(*) FROM onde_import_school WHERE import_id = ?", row -> row.getInt(1), id).orElse(0);
    }

    /**
     * The last completed import that looked at the school (a delta looks only at the schools it touches), as a query
     * of one parameter, the UAI: other owners use it as a sub-query.
     */
    public static final String LAST_COMPLETED = "SELECT s.import_id FROM onde_import_school s JOIN onde_import i "
            + "ON i.id = s.import_id WHERE s.uai = ? AND i.status = 'COMPLETED' ORDER BY i.received_at DESC LIMIT 1";

    /** See {@link #LAST_COMPLETED}. */
    public java.util.Optional<UUID> lastCompleted(String uai) {
        return sql.one(LAST_COMPLETED, row -> row.getObject(1, UUID.class), uai);
    }

    /** What an import found per school, by UAI. */
    List<ImportStatus.School> of(UUID id) {
        return sql.list("SELECT uai, pupils, rejected, classes, staff, responsables, changes, removed_pupils, "
                + "published_at IS NOT NULL FROM onde_import_school WHERE import_id = ? ORDER BY uai",
                row -> new ImportStatus.School(row.getString(1), row.getInt(2), row.getInt(3), row.getInt(4),
                        row.getInt(5), row.getInt(6), row.getInt(7), row.getInt(8), row.getBoolean(9)), id);
    }
}
