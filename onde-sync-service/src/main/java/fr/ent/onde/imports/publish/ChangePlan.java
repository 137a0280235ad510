package fr.ent.onde.imports.publish;

import fr.ent.onde.imports.ImportSchools;
import fr.ent.onde.rejections.Rejections;
import fr.ent.onde.school.OndeSchools;
import fr.ent.support.jdbc.CopyWriter;
import fr.ent.support.jdbc.FreshTables;
import fr.ent.support.jdbc.Sql;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Topics;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.onde.imports.publish.ImportState.SchoolRef;
import fr.ent.support.messaging.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
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
    /**
     * onde_change, read by school at each group published: at the first import ever it has no statistics until the
     * end of the plan (ANALYZE below), and each group read the growing table whole (one P1 import: 144 scans, 16M
     * rows). Later imports plan with the statistics the one before left.
     */
    private final FreshTables fresh;

    public ChangePlan(AgroalDataSource dataSource, ImportState state, ObjectMapper json, Outbox outbox) {
        this.dataSource = dataSource;
        this.state = state;
        this.json = json;
        this.outbox = outbox;
        this.fresh = new FreshTables(dataSource, List.of("onde_change"));
    }

    /** Told each group of compared schools whose changes are written down, ready to publish. */
    @FunctionalInterface
    public interface Ready {
        void schools(List<SchoolChanges> group) throws SQLException;
    }

    /**
     * Also records, per school, the pupils the eligibility rules reject in the new state (ONDE-3), for a delta as
     * for a complete export.
     *
     * @param next the state the import leads to; a complete export's schools each get their marker, changes or not,
     *     a delta's only the schools it touches and only when they change
     * @param progress told the number of schools compared so far, and of schools to compare
     * @param group schools are written down (and may be published) together until they reach this many events, or
     *     {@code groupSchools} schools
     * @param ready told each group of schools as soon as their changes are written down: it may publish them while
     *     the next ones are compared, or keep them until every school is compared (for the removal brake)
     */
    public List<SchoolChanges> plan(UUID importId, SchoolYear year, String academyCode, ImportState.Next next,
            BiConsumer<Integer, Integer> progress, int groupEvents, int groupSchools, Ready ready) throws SQLException {
        SchoolDiff diff = new SchoolDiff(json, year, academyCode);
        List<SchoolChanges> planned = new ArrayList<>();
        boolean complete = next.complete();
        List<SchoolRef> schools = state.schools(academyCode, next);
        String copySql = "COPY onde_change (uai, type, subject, payload, kind, school_year, entity_id, state) FROM STDIN";
        try (Connection writer = dataSource.getConnection(); Connection rejectionWriter = dataSource.getConnection()) {
            try (Statement truncate = writer.createStatement()) {
                truncate.execute("TRUNCATE onde_change RESTART IDENTITY");
            }
            CopyWriter copy = new CopyWriter(writer, copySql);
            try (CopyWriter rejections = Rejections.writer(rejectionWriter)) {
                long loading = 0;
                long comparing = 0;
                List<SchoolChanges> group = new ArrayList<>();
                int events = 0;
                try (Prefetch prefetch = new Prefetch(next, schools, year.toString())) {
                    for (SchoolRef school : schools) {
                        long start = System.nanoTime();
                        SchoolInput input = prefetch.next();
                        long loaded = System.nanoTime();
                        SchoolDiff.Result result = diff.diff(input, importId, complete, complete);
                        loading += loaded - start;
                        comparing += System.nanoTime() - loaded;
                        for (SchoolDiff.Rejected r : result.rejected()) {
                            Rejections.write(rejections, importId, school.uai(), r.pupilId(),
                                    r.lastName(), r.firstName(), r.className(), r.reasons());
                        }
                        for (Change c : result.changes()) {
                            copy.row(school.uai(), c.type(), c.subject(), c.payload(), c.kind(), c.schoolYear(),
                                    c.entityId(), c.state());
                        }
                        SchoolChanges changes = new SchoolChanges(school.uai(), result.counts(), result.pupilsBefore(),
                                result.pupilsRemoved(), result.events());
                        planned.add(changes);
                        group.add(changes);
                        events += changes.events();
                        progress.accept(planned.size(), schools.size());
                        boolean last = planned.size() == schools.size();
                        if (last || events >= groupEvents || group.size() >= groupSchools) {
                            copy.finish();
                            copy.close();
                            ready.schools(List.copyOf(group));
                            group.clear();
                            events = 0;
                            copy = new CopyWriter(writer, copySql);
                        }
                    }
                }
                copy.finish();
                rejections.finish();
                LOG.infof("import %s: %d schools compared; %.1f s waiting for them to load, %.1f s comparing", importId,
                        schools.size(), loading / 1e9, comparing / 1e9);
            } finally {
                copy.close();
            }
            try (Statement analyze = writer.createStatement()) {
                analyze.execute("ANALYZE onde_change");
            }
        }
        return planned;
    }

    /**
     * Schools loaded ahead, in order, by {@link #LOADERS} threads with a connection each, while the caller compares
     * the one before: loading is mostly waiting for PostgreSQL. At most {@link #AHEAD} schools are held at a time.
     */
    private final class Prefetch implements AutoCloseable {
        private final ImportState.Next next;
        private final java.util.Iterator<SchoolRef> schools;
        private final String schoolYear;
        private final java.util.concurrent.ExecutorService loaders = java.util.concurrent.Executors.newFixedThreadPool(
                LOADERS, r -> {
                    Thread thread = new Thread(r, "onde-import-loader");
                    thread.setDaemon(true);
                    return thread;
                });
        private final java.util.ArrayDeque<java.util.concurrent.Future<SchoolInput>> ahead = new java.util.ArrayDeque<>();

        Prefetch(ImportState.Next next, List<SchoolRef> schools, String schoolYear) {
            this.next = next;
            this.schools = schools.iterator();
            this.schoolYear = schoolYear;
            fill();
        }

        private void fill() {
            while (ahead.size() < AHEAD && schools.hasNext()) {
                SchoolRef school = schools.next();
                ahead.add(loaders.submit(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return state.load(connection, next, school, schoolYear);
                    }
                }));
            }
        }

        SchoolInput next() throws SQLException {
            try {
                SchoolInput input = ahead.remove().get();
                fill();
                return input;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading schools", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("could not load a school", e.getCause());
            }
        }

        @Override
        public void close() {
            loaders.shutdownNow();
        }
    }

    private static final int LOADERS = 2;
    private static final int AHEAD = 6;

    /**
     * Publishes the planned changes of some schools, in order, and records what is now published, in one
     * transaction (fewer, larger transactions than one per school: a rentrée's import has 1,500 schools and more);
     * returns the events.
     */
    public int publish(UUID importId, List<String> uais) {
        fresh.nudge();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                java.sql.Array schools = connection.createArrayOf("text", uais.toArray());
                int events = outbox.publishAll("SELECT '" + Topics.ONDE_CHANGES + "', uai, type, subject, payload "
                        + "FROM onde_change WHERE uai = ANY (?) AND payload IS NOT NULL ORDER BY seq", schools);
                String latest = "SELECT DISTINCT ON (uai, kind, school_year, entity_id) uai, kind, school_year, "
                        + "entity_id, state FROM onde_change WHERE uai = ANY (?) AND kind IS NOT NULL "
                        + "ORDER BY uai, kind, school_year, entity_id, seq DESC";
                Sql.update(connection, "DELETE FROM onde_published p USING (" + latest + ") c WHERE p.uai = c.uai "
                        + "AND p.kind = c.kind AND p.school_year = c.school_year AND p.entity_id = c.entity_id "
                        + "AND c.state IS NULL", schools);
                // Pupils and responsables of the contract before rosters: now known from the rosters just published.
                Sql.update(connection, "DELETE FROM onde_published WHERE uai = ANY (?) AND kind IN (?, ?)", schools,
                        SchoolDiff.LEGACY_PUPIL, SchoolDiff.LEGACY_RESPONSABLE);
                Sql.update(connection, "INSERT INTO onde_published (uai, kind, school_year, entity_id, payload) "
                        + "SELECT uai, kind, school_year, entity_id, state FROM (" + latest + ") c "
                        + "WHERE c.state IS NOT NULL ON CONFLICT (uai, kind, school_year, entity_id) "
                        + "DO UPDATE SET payload = EXCLUDED.payload", schools);
                OndeSchools.applyPublished(connection, schools);
                ImportSchools.markPublished(connection, importId, schools);
                return events;
            }
        });
    }
}
