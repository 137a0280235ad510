package fr.ent.rollover.progress;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The owner of tables {@code import_marker}, {@code import_ack} and {@code school_ready}: a school is ready for a
 * school year once every participant has applied an ONDE import of that year for it — its
 * {@code import.school-completed} marker seen, then each participant's {@code import-applied}, in whichever order
 * rollover-service reads them.
 */
@ApplicationScoped
public class SchoolReadiness {

    private final Sql sql;

    public SchoolReadiness(Sql sql) {
        this.sql = sql;
    }

    public void marker(UUID importId, String uai, String schoolYear, Instant at) {
        sql.update("INSERT INTO import_marker (import_id, uai, school_year, marked_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", importId, uai, schoolYear, at);
    }

    public void applied(UUID importId, String participant, String uai, String schoolYear, Instant at) {
        sql.update("INSERT INTO import_ack (import_id, participant, uai, school_year, applied_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", importId, participant, uai, schoolYear, at);
    }

    /**
     * Records the school ready for the import's year when the marker is seen and every participant applied the
     * import; returns the school year the first time the school becomes ready for it, null otherwise.
     */
    public String readyNow(UUID importId, String uai, List<String> participants, Instant at) {
        return sql.one("INSERT INTO school_ready (uai, school_year, import_id, ready_at) SELECT m.uai, m.school_year, "
                + "m.import_id, ? FROM import_marker m WHERE m.import_id = ? AND m.uai = ? AND (SELECT count(DISTINCT "
                + "a.participant) FROM import_ack a WHERE a.import_id = m.import_id AND a.uai = m.uai "
                + "AND a.participant = ANY (?::text[])) = ? ON CONFLICT DO NOTHING RETURNING school_year",
                row -> row.getString(1), at, importId, uai, Sql.texts(participants), participants.size()).orElse(null);
    }

    /**
     * Per participant, how many schools of the académie it has not applied the latest ONDE import of yet (the
     * participants with none behind are left out): an import still flowing through a slow consumer. Schools whose
     * import rollover-service has seen no marker of are not counted.
     */
    public java.util.Map<String, Integer> behindOnImports(String academyCode, List<String> participants) {
        java.util.Map<String, Integer> behind = new java.util.TreeMap<>();
        sql.list("WITH latest AS (SELECT DISTINCT ON (m.uai) m.uai, m.import_id FROM import_marker m JOIN rollover_school "
                + "s ON s.uai = m.uai AND s.academy_code = ? AND NOT s.removed ORDER BY m.uai, m.marked_at DESC) "
                + "SELECT p.participant, count(*) FROM latest l CROSS JOIN unnest(?::text[]) AS p(participant) "
                + "WHERE NOT EXISTS (SELECT 1 FROM import_ack a WHERE a.import_id = l.import_id AND a.uai = l.uai "
                + "AND a.participant = p.participant) GROUP BY p.participant",
                row -> behind.put(row.getString(1), row.getInt(2)), academyCode, Sql.texts(participants));
        return behind;
    }

    /** The schools ready for the school year among these, with when they became ready. */
    public java.util.Map<String, Instant> ready(String schoolYear, List<String> uais) {
        java.util.Map<String, Instant> ready = new java.util.TreeMap<>();
        sql.list("SELECT uai, ready_at FROM school_ready WHERE school_year = ? AND uai = ANY (?::text[])",
                row -> ready.put(row.getString(1), row.getTimestamp(2).toInstant()), schoolYear, Sql.texts(uais));
        return ready;
    }
}
