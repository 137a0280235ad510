package fr.ent.onde.imports.publish;

import fr.ent.support.jdbc.Sql;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Topics;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.onde.imports.publish.ImportState.SchoolRef;
import fr.ent.support.messaging.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * ONDE-4, in two steps. {@link #plan} computes every school's changes against what was published and writes them
 * to onde_change, without publishing anything (so that the removal brake can look at them first);
 * {@link #publish} then publishes one school's changes and records its new published state in one transaction.
 * A crash between two schools loses nothing: the import runs again and finds only what is left to publish.
 */
@ApplicationScoped
public class ChangePlan {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ChangePlan.class);

    /** What an import changes in one school. */
    public record SchoolChanges(String uai, SchoolImportCompleted.Counts counts, int pupilsBefore, int pupilsRemoved,
            int events) {
    }

    private final AgroalDataSource dataSource;
    private final ImportState state;
    private final ObjectMapper json;
    private final Outbox outbox;

    public ChangePlan(AgroalDataSource dataSource, ImportState state, ObjectMapper json, Outbox outbox) {
        this.dataSource = dataSource;
        this.state = state;
        this.json = json;
        this.outbox = outbox;
    }

    /**
     * Also records, per school, the pupils the eligibility rules reject in the new state (ONDE-3), for a delta as
     * for a complete export.
     *
     * @param complete a complete export: every school gets its marker, changes or not
     * @param progress told the number of schools compared so far, and of schools to compare
     */
    public List<SchoolChanges> plan(UUID importId, SchoolYear year, String academyCode, boolean complete,
            BiConsumer<Integer, Integer> progress) throws SQLException {
        SchoolDiff diff = new SchoolDiff(json, year, academyCode);
        List<SchoolChanges> planned = new ArrayList<>();
        List<SchoolRef> schools = state.schools(academyCode);
        try (Connection reader = dataSource.getConnection(); Connection writer = dataSource.getConnection();
                Connection rejectionWriter = dataSource.getConnection()) {
            try (Statement truncate = writer.createStatement()) {
                truncate.execute("TRUNCATE onde_change RESTART IDENTITY");
            }
            try (CopyWriter copy = new CopyWriter(writer, "COPY onde_change "
                    + "(uai, type, subject, payload, kind, school_year, entity_id, state) FROM STDIN");
                    CopyWriter rejections = new CopyWriter(rejectionWriter, "COPY onde_rejection "
                            + "(import_id, uai, pupil_id, last_name, first_name, class_name, reasons) FROM STDIN")) {
                long loading = 0;
                long comparing = 0;
                for (SchoolRef school : schools) {
                    long start = System.nanoTime();
                    SchoolInput input = state.load(reader, school, year.toString());
                    long loaded = System.nanoTime();
                    SchoolDiff.Result result = diff.diff(input, importId, complete, complete);
                    loading += loaded - start;
                    comparing += System.nanoTime() - loaded;
                    for (SchoolDiff.Rejected r : result.rejected()) {
                        rejections.row(importId, school.uai(), r.pupilId(), r.lastName(), r.firstName(), r.className(),
                                r.reasons().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")));
                    }
                    for (Change c : result.changes()) {
                        copy.row(school.uai(), c.type(), c.subject(), c.payload(), c.kind(), c.schoolYear(),
                                c.entityId(), c.state());
                    }
                    planned.add(new SchoolChanges(school.uai(), result.counts(), result.pupilsBefore(),
                            result.pupilsRemoved(), result.changes().size()));
                    progress.accept(planned.size(), schools.size());
                }
                copy.finish();
                rejections.finish();
                LOG.infof("import %s: %d schools compared; %.1f s loading them, %.1f s comparing", importId,
                        schools.size(), loading / 1e9, comparing / 1e9);
            }
            try (Statement analyze = writer.createStatement()) {
                analyze.execute("ANALYZE onde_change");
            }
        }
        return planned;
    }

    /** Publishes one school's planned changes, in order, and records what is now published; returns the events. */
    public int publish(UUID importId, String uai) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int events = outbox.publishAll("SELECT '" + Topics.ONDE_CHANGES + "', uai, type, subject, payload "
                    + "FROM onde_change WHERE uai = ? ORDER BY seq", uai);
            try (Connection connection = dataSource.getConnection()) {
                String latest = "SELECT DISTINCT ON (kind, school_year, entity_id) kind, school_year, entity_id, state "
                        + "FROM onde_change WHERE uai = ? AND kind IS NOT NULL ORDER BY kind, school_year, entity_id, seq DESC";
                update(connection, "DELETE FROM onde_published p USING (" + latest + ") c WHERE p.uai = ? "
                        + "AND p.kind = c.kind AND p.school_year = c.school_year AND p.entity_id = c.entity_id "
                        + "AND c.state IS NULL", uai, uai);
                // Pupils and responsables of the contract before rosters: now known from the rosters just published.
                update(connection, "DELETE FROM onde_published WHERE uai = ? AND kind IN (?, ?)", uai,
                        SchoolDiff.LEGACY_PUPIL, SchoolDiff.LEGACY_RESPONSABLE);
                update(connection, "INSERT INTO onde_published (uai, kind, school_year, entity_id, payload) "
                        + "SELECT ?, kind, school_year, entity_id, state FROM (" + latest + ") c WHERE c.state IS NOT NULL "
                        + "ON CONFLICT (uai, kind, school_year, entity_id) DO UPDATE SET payload = EXCLUDED.payload",
                        uai, uai);
                update(connection, "INSERT INTO onde_school (uai, name, type, academy_code, academy, town, district, "
                        + "departmental, join_key, updated_at) SELECT p ->> 'uai', p ->> 'name', p ->> 'type', "
                        + "p ->> 'academyCode', p ->> 'academy', p ->> 'town', p ->> 'district', "
                        + "(p ->> 'departmental')::boolean, state, now() FROM (SELECT payload::jsonb AS p, state "
                        + "FROM onde_change WHERE uai = ? AND type = ?) c ON CONFLICT (uai) DO UPDATE SET "
                        + "name = EXCLUDED.name, type = EXCLUDED.type, academy_code = EXCLUDED.academy_code, "
                        + "academy = EXCLUDED.academy, town = EXCLUDED.town, district = EXCLUDED.district, "
                        + "join_key = EXCLUDED.join_key, updated_at = EXCLUDED.updated_at",
                        uai, EventTypes.ONDE_SCHOOL_UPSERTED);
                update(connection, "DELETE FROM onde_school WHERE uai = ? AND EXISTS (SELECT 1 FROM onde_change "
                        + "WHERE uai = ? AND type = ?)", uai, uai, EventTypes.ONDE_SCHOOL_REMOVED);
                // In the same transaction: an import run again after a crash knows exactly which schools went out.
                update(connection, "UPDATE onde_import_school SET published_at = now() WHERE import_id = ? AND uai = ?",
                        importId, uai);
            }
            return events;
        });
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        Sql.update(connection, sql, parameters);
    }
}
