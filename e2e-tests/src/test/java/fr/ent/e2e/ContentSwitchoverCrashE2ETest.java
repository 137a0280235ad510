package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * CNT-1's crash-resume, proven by killing the process: content-service killed with -9 in the middle of a switchover
 * (some schools applied, others not), started again, ends in the same state as an uninterrupted run of the same
 * switchover on the same content — every archive row, every item left, every space closed, one acknowledgement per
 * school, nothing archived twice. Each run has its own database and Kafka namespace on the stack's servers and its
 * own content-service process started from the built jar; the content is written with SQL, the same in both runs
 * (ids derived from names), and the switchover sent on Kafka as rollover-service would.
 */
class ContentSwitchoverCrashE2ETest {

    private static final String ACADEMY = "91";
    private static final String FROM = "2024-2025";
    private static final String TO = "2025-2026";
    private static final int SCHOOLS = 40;
    private static final int CLASSES_PER_SCHOOL = 20;
    private static final int ITEMS_PER_CLASS = 200;
    private static final UUID SWITCHOVER = UUID.fromString("9e3c6b2a-6f0e-4d8e-9a51-2f1c0a7b5d10");

    @Test
    void killedMidSwitchoverAndStartedAgainItEndsAsAnUninterruptedRun() throws Exception {
        Map<String, String> reference = run("reference", false);
        Map<String, String> killed = run("killed", true);
        assertEquals(reference, killed, "killed with -9 and restarted vs uninterrupted");
        assertEquals(String.valueOf(SCHOOLS), reference.get("acknowledgements"), "one acknowledgement per school");
    }

    private Map<String, String> run(String label, boolean kill) throws Exception {
        String id = label + "_" + Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xffffffffL);
        String db = "crash_content_" + id;
        StackServers.execute("postgres", "CREATE DATABASE " + db);
        String namespace = "crash-content-" + id + ".";
        Path logs = Files.createDirectories(Files.createTempDirectory("e2e-content-crash-").resolve(label));
        try (ServiceProcess content = new ServiceProcess("content-service", "content-service",
                StackServers.serviceEnv(db, namespace, Map.of("ENT_INSTANCE_ID", "content-" + id,
                        "ENT_CONTENT_BLOBS_DIR", logs.resolve("blobs").toString())), logs, "-Xmx256m")) {
            content.start();
            fill(db);
            long began = System.nanoTime();
            StackServers.publish(namespace + Topics.YEAR_SWITCHED, "e2e", List.<String[]>of(new String[] {ACADEMY,
                    EventTypes.ROLLOVER_YEAR_SWITCHED, "{\"switchoverId\":\"" + SWITCHOVER + "\",\"academyCode\":\""
                            + ACADEMY + "\",\"fromYear\":\"" + FROM + "\",\"toYear\":\"" + TO + "\",\"effectiveAt\":\""
                            + Instant.now() + "\"}"}));
            if (kill) {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                long done;
                while ((done = applied(db)) < SCHOOLS / 5 && System.nanoTime() < deadline) {
                    ServiceProcess.sleep(20);
                }
                content.kill9();
                assertTrue(done > 0 && done < SCHOOLS, "killed midway: " + done + " of " + SCHOOLS + " schools done");
                System.out.printf("%s: content-service killed with %d of %d schools applied (%d seen just before)%n",
                        label, applied(db), SCHOOLS, done);
                content.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (applied(db) < SCHOOLS && System.nanoTime() < deadline) {
                ServiceProcess.sleep(100);
            }
            assertEquals(SCHOOLS, applied(db), label + ": every school applied");
            System.out.printf("%s: %d schools, %,d items switched in %.1f s%n", label, SCHOOLS,
                    (long) SCHOOLS * CLASSES_PER_SCHOOL * ITEMS_PER_CLASS, (System.nanoTime() - began) / 1e9);
            return outcome(db);
        } finally {
            StackServers.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    /** The same académie in each run: schools, classes with two teachers, items of the nine class applications. */
    private static void fill(String db) {
        String uai = "'09' || '1' || lpad(s::text, 4, '0') || 'A'";
        StackServers.execute(db, "INSERT INTO content_school (uai, academy_code) SELECT " + uai + ", '" + ACADEMY
                + "' FROM generate_series(1, " + SCHOOLS + ") s");
        StackServers.execute(db, "INSERT INTO space (id, kind, uai, school_year, ref, name) SELECT md5(" + uai
                + " || '/' || c)::uuid, 'CLASS', " + uai + ", '" + FROM + "', 'C' || c, 'Classe ' || c "
                + "FROM generate_series(1, " + SCHOOLS + ") s, generate_series(1, " + CLASSES_PER_SCHOOL + ") c");
        StackServers.execute(db, "INSERT INTO space_member (space_id, person_id, role) SELECT id, 'ENS-' || uai || '-' "
                + "|| ref || '-' || t, 'TEACHER' FROM space, generate_series(1, 2) t");
        StackServers.execute(db, "INSERT INTO content_item (id, space_id, application, title, body, data, creator, "
                + "created_at, updated_at) SELECT md5(sp.id::text || '/' || i)::uuid, sp.id, (ARRAY['MEDIATHEQUE', "
                + "'MINISITE', 'BLOG', 'CONCOURS_SCOLAIRE', 'CAHIER_DE_TEXTES', 'CAHIER_DE_LIAISON', 'AGENDA', 'GPS', "
                + "'MOTEUR_DE_RECHERCHE'])[1 + i % 9], 'Élément ' || i, 'Texte ' || i, jsonb_build_object('n', i), "
                + "'ENS-' || sp.uai || '-' || sp.ref || '-' || (1 + i % 2), timestamp '2025-01-01' + i * interval '1 min', "
                + "timestamp '2025-01-01' FROM space sp, generate_series(1, " + ITEMS_PER_CLASS + ") i");
    }

    private static long applied(String db) {
        return StackServers.count(db, "SELECT count(*) FROM content_year_switch WHERE switchover_id = '" + SWITCHOVER
                + "'");
    }

    /** A digest of what the switchover left, per table, leaving out only what each run makes anew (ids, times). */
    private static Map<String, String> outcome(String db) {
        Map<String, String> outcome = new LinkedHashMap<>();
        outcome.put("recovery_item", digest(db, "SELECT teacher, source_item, uai, school_year, class_id, application, "
                + "title, body, data::text, creator FROM recovery_item"));
        outcome.put("content_item", digest(db, "SELECT id, space_id, application, title FROM content_item"));
        outcome.put("space", digest(db, "SELECT id, closed_at IS NOT NULL, closed_by FROM space"));
        outcome.put("content_year_switch", digest(db, "SELECT switchover_id, uai, counts::text FROM content_year_switch"));
        outcome.put("acknowledgements", String.valueOf(StackServers.count(db, "SELECT count(*) FROM outbox_event "
                + "WHERE type = '" + EventTypes.CONTENT_YEAR_SWITCH_APPLIED + "'")));
        outcome.put("archived twice", String.valueOf(StackServers.count(db, "SELECT count(*) FROM (SELECT teacher, "
                + "source_item FROM recovery_item GROUP BY 1, 2 HAVING count(*) > 1) d")));
        return outcome;
    }

    private static String digest(String db, String rows) {
        return StackServers.count(db, "SELECT count(*) FROM (" + rows + ") r") + " rows, md5 "
                + StackServers.text(db, "SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) FROM (" + rows + ") r");
    }
}
