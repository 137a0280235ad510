package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.contracts.EventTypes;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * R1, proven by killing processes: onde-sync-service killed with -9 in the middle of publishing a generated
 * académie and class-service killed with -9 in the middle of applying it, both started again, end in the same state
 * as an uninterrupted run — per table of both services, and per event type on {@code onde.changes} (each event
 * counted once by its id: a redelivery is allowed, a second event for the same change is not). Two class-service
 * instances sharing the consumer group end in that state too. Each run has its own databases and Kafka namespace on
 * the stack's servers, and its own service processes started from the built jars.
 */
class CrashSafetyE2ETest {

    private static final int PUPILS = 12_000;
    private static final List<String> ONDE_TABLES = List.of("onde_school", "onde_entity", "onde_published");
    private static final List<String> CLASS_TABLES = List.of("school", "school_class", "pupil", "responsable",
            "pupil_responsable", "staff");

    private static Path zip;
    private static Path work;

    /** What a run leaves: a digest of every table (rows and content) and the distinct events per type. */
    record Outcome(Map<String, String> ondeTables, Map<String, String> classTables, Map<String, Integer> eventsPerType) {
    }

    @BeforeAll
    static void generate() throws Exception {
        work = Files.createTempDirectory("e2e-crash-");
        GeneratorSettings settings = GeneratorSettings.defaults(4242, PUPILS);
        zip = OndeExportGenerator.zip(new OndeExportGenerator(settings).complete(settings.schoolYear(),
                work.resolve("complet")).folder());
    }

    @Test
    void servicesKilledWithMinus9EndInTheStateOfAnUninterruptedRunAndTwoInstancesToo() throws Exception {
        Outcome reference = run("reference", 1, false);
        assertTrue(reference.eventsPerType().getOrDefault(EventTypes.ONDE_CLASS_UPSERTED, 0) > 0,
                "the reference run published its classes with their pupils: " + reference.eventsPerType());
        Outcome crashed = run("killed", 1, true);
        assertEquals(reference, crashed, "killed with -9 and restarted vs uninterrupted");
        Outcome shared = run("two-instances", 2, false);
        assertEquals(reference, shared, "two class-service instances in one group vs one");
    }

    private Outcome run(String label, int classInstances, boolean kill) throws Exception {
        String id = label.replace("-", "_") + "_" + Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xffffffffL);
        String ondeDb = "crash_onde_" + id;
        String classDb = "crash_class_" + id;
        StackServers.execute("postgres", "CREATE DATABASE " + ondeDb);
        StackServers.execute("postgres", "CREATE DATABASE " + classDb);
        String namespace = "crash-" + id + ".";
        Path logs = Files.createDirectories(work.resolve(label));
        List<ServiceProcess> classServices = new ArrayList<>();
        long began = System.nanoTime();
        try (ServiceProcess onde = new ServiceProcess("onde-sync-service", "onde-sync-service",
                env(ondeDb, namespace, "onde-sync-" + id, Map.of("ENT_ONDE_IMPORT_DIR", logs.resolve("imports").toString(),
                        // small groups of schools per transaction: the kill lands between two of them
                        "ENT_ONDE_PUBLISH_GROUP_SCHOOLS", "4")),
                logs)) {
            onde.start();
            for (int i = 1; i <= classInstances; i++) {
                classServices.add(new ServiceProcess("class-service-" + i, "class-service",
                        env(classDb, namespace, "class-" + i + "-" + id, Map.of()), logs).start());
            }
            String rectorat = Stack.userToken("rectorat.demo");
            HttpResponse<String> accepted = Stack.postFile(onde.url("/api/imports"), rectorat, "export", zip);
            assertEquals(202, accepted.statusCode(), accepted.body());
            String importId = Stack.json(accepted).get("id").asText();
            if (kill) {
                killBothMidway(onde, classServices.get(0), importId, rectorat, classDb);
            }
            JsonNode status = awaitImport(onde, importId, rectorat);
            assertEquals("COMPLETED", status.get("status").asText(), label + ": " + status);
            int schools = status.get("schools").size();
            awaitAllApplied(namespace, schools, label);
            System.out.printf("%s: %d schools imported and applied in %.1f s%n", label, schools,
                    (System.nanoTime() - began) / 1e9);
            return new Outcome(digests(ondeDb, ONDE_TABLES), digests(classDb, CLASS_TABLES), eventsPerType(namespace));
        } finally {
            classServices.forEach(ServiceProcess::close);
            StackServers.execute("postgres", "DROP DATABASE IF EXISTS " + ondeDb + " WITH (FORCE)");
            StackServers.execute("postgres", "DROP DATABASE IF EXISTS " + classDb + " WITH (FORCE)");
        }
    }

    /**
     * Kills onde-sync-service once a quarter of the schools are published (they are published as they are compared), then class-service once it applied some
     * pupils (it cannot have applied all: publishing stopped), and starts both again.
     */
    private static void killBothMidway(ServiceProcess onde, ServiceProcess classes, String importId, String token,
            String classDb) throws SQLException {
        JsonNode status = awaitStatus(onde, importId, token, s -> s.get("status").asText().equals("PUBLISHING")
                && s.get("progress").get("schoolsPublished").asInt() * 4 >= s.get("progress").get("schoolsTotal").asInt()
                && s.get("progress").get("schoolsPublished").asInt() > 0);
        onde.kill9();
        int published = status.get("progress").get("schoolsPublished").asInt();
        int toPublish = status.get("progress").get("schoolsTotal").asInt();
        assertTrue(published < toPublish, "killed after publishing: " + status);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long pupils = 0;
        while ((pupils = count(classDb, "pupil")) == 0 && System.nanoTime() < deadline) {
            ServiceProcess.sleep(100);
        }
        classes.kill9();
        assertTrue(pupils > 0, "class-service applied nothing before it was killed");
        assertTrue(pupils < PUPILS, "class-service had applied everything before it was killed: " + pupils);
        System.out.printf("killed onde-sync after %d of %d schools published, class-service after %d pupils applied%n",
                published, toPublish, pupils);
        onde.start();
        classes.start();
    }

    /** Polls the progress without the schools, then returns the whole status once the import ended. */
    private static JsonNode awaitImport(ServiceProcess onde, String importId, String token) {
        awaitStatus(onde, importId, token,
                s -> s.get("status").asText().matches("COMPLETED|REFUSED|HELD|FAILED|DISCARDED"));
        return Stack.json(Stack.get(onde.url("/api/imports/" + importId), Optional.of(token)));
    }

    private static JsonNode awaitStatus(ServiceProcess onde, String importId, String token,
            java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (true) {
            JsonNode status = Stack.json(Stack.get(onde.url("/api/imports/" + importId + "?schools=false"), Optional.of(token)));
            if (done.test(status)) {
                return status;
            }
            assertTrue(System.nanoTime() < deadline, "import did not get there in time: " + status);
            assertTrue(!status.get("status").asText().matches("COMPLETED|REFUSED|HELD|FAILED|DISCARDED"),
                    "import ended before the point waited for: " + status);
            ServiceProcess.sleep(50);
        }
    }

    /** Waits until class-service acknowledged every school with its import-applied event. */
    private static void awaitAllApplied(String namespace, int schools, String label) {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        Set<String> applied = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = StackServers.consumer()) {
            List<TopicPartition> partitions = partitions(consumer, namespace + "class.events");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (applied.size() < schools) {
                assertTrue(System.nanoTime() < deadline, label + ": class-service applied " + applied.size() + " of "
                        + schools + " schools");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if ("fr.ent.class.import-applied.v1".equals(StackServers.header(record, "ce_type"))) {
                        applied.add(record.key());
                    }
                }
            }
        }
    }

    /** The events of onde.changes, each counted once by its id, per type. */
    private static Map<String, Integer> eventsPerType(String namespace) {
        Map<String, Set<String>> ids = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = StackServers.consumer()) {
            List<TopicPartition> partitions = partitions(consumer, namespace + "onde.changes");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    ids.computeIfAbsent(StackServers.header(record, "ce_type"), t -> new HashSet<>())
                            .add(StackServers.header(record, "ce_id"));
                }
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        ids.forEach((type, set) -> counts.put(type, set.size()));
        return counts;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            assertTrue(System.nanoTime() < deadline, "no topic " + topic);
            ServiceProcess.sleep(500);
        }
    }

    /** Per table: its row count and an MD5 of its rows in order, timestamps left out (they differ by nature). */
    private static Map<String, String> digests(String database, List<String> tables) throws SQLException {
        Map<String, String> digests = new TreeMap<>();
        try (Connection connection = StackServers.connect(database)) {
            for (String table : tables) {
                List<String> columns = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement("SELECT column_name FROM "
                        + "information_schema.columns WHERE table_name = ? AND data_type NOT LIKE 'timestamp%' "
                        + "ORDER BY ordinal_position")) {
                    query.setString(1, table);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            columns.add(rows.getString(1));
                        }
                    }
                }
                try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                        "SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') "
                                + "FROM (SELECT " + String.join(", ", columns) + " FROM " + table + ") t")) {
                    row.next();
                    digests.put(table, row.getString(1));
                }
            }
        }
        return digests;
    }

    private static long count(String database, String table) throws SQLException {
        try (Connection connection = StackServers.connect(database); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return 0; // not migrated yet
        }
    }

    private static Map<String, String> env(String database, String namespace, String instance, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("ENT_INSTANCE_ID", instance);
        return StackServers.serviceEnv(database, namespace, env);
    }
}
