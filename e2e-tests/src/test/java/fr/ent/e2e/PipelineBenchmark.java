package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * P1 measured end to end on the stack's servers ({@code ./ent up}, then {@code ./ent bench}): a generated académie
 * ({@code -Dbench.pupils}, 250,000 by default) uploaded through the API by the rectorate, until every consumer of
 * {@code onde.changes} that exists has acknowledged every school of the import ({@code *.import-applied.v1}). The
 * services run from their built jars with the stack's heaps, on fresh databases and a Kafka namespace of their own,
 * so that the import is a first one whatever the stack imported before. In the same run it measures what this
 * machine can do at best — PostgreSQL {@code COPY} rows per second and Kafka producer records per second
 * (acks=all) — and prints the pipeline's ratio to them.
 */
class PipelineBenchmark {

    /** The topics on which consumers acknowledge each school of an import; one per consumer that exists today. */
    /** When a service's outbox events were recorded and sent, in seconds after the upload began. */
    private static String outboxSpan(String database, double began) throws java.sql.SQLException {
        try (java.sql.Connection connection = StackServers.connect(database);
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery("SELECT count(*), extract(epoch FROM min(occurred_at)), "
                        + "extract(epoch FROM max(occurred_at)), extract(epoch FROM max(sent_at)) FROM outbox_event")) {
            row.next();
            return String.format("(%,d events) from %.1f s to %.1f s, the last sent at %.1f s", row.getLong(1),
                    row.getDouble(2) - began, row.getDouble(3) - began, row.getDouble(4) - began);
        }
    }

    private static final List<String> ACKNOWLEDGING_TOPICS = List.of("class.events", "content.events",
            "identity.events");

    @Test
    void uploadToEveryConsumersAcknowledgementOfEverySchool() throws Exception {
        int pupils = Integer.getInteger("bench.pupils", 250_000);
        GeneratorSettings settings = GeneratorSettings.defaults(42, pupils);
        Path out = Path.of("target", "bench-exports", "seed42-" + pupils);
        Path zip = out.resolve(settings.schoolYear() + "-complet.zip");
        Path delta = out.resolve(settings.schoolYear() + "-delta.zip");
        if (!Files.exists(delta)) {
            long start = System.nanoTime();
            OndeExportGenerator generator = new OndeExportGenerator(settings);
            OndeExportGenerator.zip(generator.complete(settings.schoolYear(), out.resolve(settings.schoolYear()
                    + "-complet")).folder());
            OndeExportGenerator.zip(generator.delta(out.resolve(settings.schoolYear() + "-delta")).folder());
            System.out.printf("[bench] generated %,d pupils in %.1f s%n", pupils, (System.nanoTime() - start) / 1e9);
        }
        double copyRate = copyRowsPerSecond(500_000);
        double produceRate = producedRecordsPerSecond(300_000);
        System.out.printf("[bench] this machine: PostgreSQL COPY %,.0f rows/s; Kafka producer (acks=all, 12 partitions) "
                + "%,.0f records/s%n", copyRate, produceRate);

        String rectorat = Stack.userToken("rectorat.demo");
        String run = Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xffffffffL);
        String namespace = "bench-" + run + ".";
        Path logs = Files.createDirectories(Path.of("target", "bench-" + run));
        List<String> databases = List.of("bench_onde_" + run, "bench_class_" + run, "bench_content_" + run,
                "bench_identity_" + run);
        databases.forEach(db -> StackServers.execute("postgres", "CREATE DATABASE " + db));
        createTopics(ACKNOWLEDGING_TOPICS.stream().map(topic -> namespace + topic).toList());
        Map<String, String> importDir = Map.of("ENT_ONDE_IMPORT_DIR", logs.resolve("imports").toAbsolutePath().toString());
        try (ServiceProcess onde = ServiceProcess.asInTheStack("onde-sync-service",
                StackServers.serviceEnv(databases.get(0), namespace, importDir), logs).start();
                ServiceProcess classes = ServiceProcess.asInTheStack("class-service",
                        StackServers.serviceEnv(databases.get(1), namespace, Map.of()), logs).start();
                ServiceProcess content = ServiceProcess.asInTheStack("content-service",
                        StackServers.serviceEnv(databases.get(2), namespace, Map.of()), logs).start();
                // Its Keycloak provisioning stays off here: the bench's staff must not land in the stack's realm (the
                // import never waits on Keycloak; ConnectionSheetsBenchmark measures Keycloak's side).
                ServiceProcess identity = ServiceProcess.asInTheStack("identity-service",
                        StackServers.serviceEnv(databases.get(3), namespace,
                                Map.of("ENT_IDENTITY_KEYCLOAK_PROVISION_EVERY", "PT0S")), logs).start();
                KafkaConsumer<String, String> acks = StackServers.consumer()) {
            List<TopicPartition> partitions = ACKNOWLEDGING_TOPICS.stream()
                    .flatMap(topic -> acks.partitionsFor(namespace + topic).stream()
                            .map(p -> new TopicPartition(namespace + topic, p.partition())))
                    .toList();
            acks.assign(partitions);
            acks.seekToEnd(partitions);
            partitions.forEach(acks::position); // fixes the start before the upload

            double began = System.currentTimeMillis() / 1e3;
            Measured first = importUntilAcknowledged(onde, rectorat, zip, acks);
            System.out.printf("[bench] P1: %,d pupils, %,d schools, %,d events: import COMPLETED %.1f s after the upload "
                    + "began, every consumer (%s) acknowledged every school after %.1f s%n", pupils, first.schools(),
                    first.events(), first.completed(), String.join(", ", ACKNOWLEDGING_TOPICS), first.applied());
            System.out.printf("[bench]   %,.0f events/s end to end: %.1f %% of the producer rate; %,.0f pupils/s "
                    + "(staged rows ≈ pupils + responsables + staff: %.1f %% of the COPY rate)%n",
                    first.events() / first.applied(), 100 * first.events() / first.applied() / produceRate,
                    pupils / first.applied(), 100 * (pupils * 2.2) / first.applied() / copyRate);
            System.out.printf("[bench]   onde.changes relayed to Kafka %s; class-service's acknowledgements recorded %s; "
                    + "content-service's %s; identity-service's %s%n", outboxSpan(databases.get(0), began),
                    outboxSpan(databases.get(1), began), outboxSpan(databases.get(2), began),
                    outboxSpan(databases.get(3), began));
            long accounts = StackServers.count(databases.get(3), "SELECT count(*) FROM account");
            System.out.printf("[bench]   identity-service: %,d accounts with their logins, %,.0f accounts/s over the "
                    + "import (upload to its last acknowledgement)%n", accounts, accounts / first.applied());
            System.out.printf("[bench]   onde-sync-service (%s): %s%n", ServiceProcess.stackOptions("onde-sync-service"),
                    first.heap());
            for (Map.Entry<String, Path> next : List.of(Map.entry("same export again", zip),
                    Map.entry("next day's delta", delta))) {
                Measured m = importUntilAcknowledged(onde, rectorat, next.getValue(), acks);
                System.out.printf("[bench] %s: import COMPLETED %.1f s after the upload began (%,d events, %,d schools "
                        + "with a marker), every consumer's acknowledgement after %.1f s; onde-sync-service: %s%n",
                        next.getKey(), m.completed(), m.events(), m.schools(), m.applied(), m.heap());
            }
            JsonNode status = first.status();
            // As in ClassChoiceBenchmark: the import's rows vacuumed first, not by autovacuum during the measure. Every
            // service's database: autovacuum took identity-service's accounts during the measure, on the same cores.
            // Then a checkpoint, so that the pages the vacuum dirtied are written before the measure, not during it.
            long vacuum = System.nanoTime();
            databases.forEach(db -> StackServers.execute(db, "VACUUM ANALYZE"));
            StackServers.execute("postgres", "CHECKPOINT");
            System.out.printf("[bench] the four databases vacuumed and a checkpoint made in %.1f s%n",
                    (System.nanoTime() - vacuum) / 1e9);
            classChoiceUnderLoad(classes, status.get("schools").get(0).get("uai").asText());
        } finally {
            databases.forEach(db -> StackServers.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"));
            deleteTopics(namespace); // the services are stopped: nothing makes them again (a run leaves ~200 MB)
        }
    }

    /** One import, from the upload to every consumer's acknowledgement of every school it published a marker for. */
    private record Measured(JsonNode status, double completed, double applied, int schools, long events, String heap) {
    }

    private static Measured importUntilAcknowledged(ServiceProcess onde, String rectorat, Path zip,
            KafkaConsumer<String, String> acks) throws Exception {
        try (HeapSampler heap = new HeapSampler(onde)) {
            long start = System.nanoTime();
            HttpResponse<String> accepted = Stack.postFile(onde.url("/api/imports"), rectorat, "export", zip);
            assertEquals(202, accepted.statusCode(), accepted.body());
            String id = Stack.json(accepted).get("id").asText();
            JsonNode status = awaitEnd(onde, id, rectorat);
            assertEquals("COMPLETED", status.get("status").asText(), status.toString());
            double completed = (System.nanoTime() - start) / 1e9;
            int schools = status.get("progress").get("schoolsPublished").asInt();
            long events = status.get("progress").get("eventsPublished").asLong();
            Set<String> acknowledged = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (acknowledged.size() < schools * ACKNOWLEDGING_TOPICS.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : acks.poll(Duration.ofMillis(100))) {
                    String type = StackServers.header(record, "ce_type");
                    if (type != null && type.endsWith(".import-applied.v1") && record.value().contains(id)) {
                        acknowledged.add(record.topic() + "/" + record.key());
                    }
                }
            }
            double applied = (System.nanoTime() - start) / 1e9;
            assertEquals(schools * ACKNOWLEDGING_TOPICS.size(), acknowledged.size(), "acknowledgements within 30 min");
            return new Measured(status, completed, applied, schools, events, heap.summary());
        }
    }

    /**
     * The heap of a service while it works, read from its Prometheus metrics every 250 ms: the peak in use (garbage
     * included) and the time its collector paused it.
     */
    private static final class HeapSampler implements AutoCloseable {
        private final ServiceProcess service;
        private final Thread thread;
        private final double pausedBefore;
        private volatile boolean running = true;
        private volatile double peak;

        HeapSampler(ServiceProcess service) {
            this.service = service;
            this.pausedBefore = metric("jvm_gc_pause_seconds_sum", "");
            this.thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, metric("jvm_memory_used_bytes", "area=\"heap\""));
                    ServiceProcess.sleep(250);
                }
            }, "heap-sampler");
            thread.start();
        }

        /** The sum of a metric's samples whose labels contain {@code label}. */
        private double metric(String name, String label) {
            double sum = 0;
            for (String line : Stack.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    service.managementUrl("/q/metrics"))).GET().build()).body().split("\n")) {
                if (line.startsWith(name + "{") && line.contains(label)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }

        String summary() {
            return String.format("heap peak in use %.0f MiB (garbage included), %.1f s paused by the collector",
                    peak / (1 << 20), metric("jvm_gc_pause_seconds_sum", "") - pausedBefore);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /**
     * The class choice at {@code -Dbench.rate} (1,000) requests/s for {@code -Dbench.seconds} (20), against this
     * class-service (its stack heap) now that it holds the whole académie: a generated teacher of the first school,
     * with a Keycloak account and a token of the realm, from this JVM.
     */
    private static void classChoiceUnderLoad(ServiceProcess classes, String uai) throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "bench-throwaway-" + UUID.randomUUID();
        ClassChoiceE2ETest.createKeycloakUser(username, password, "enseignant", uai, "ENS-" + uai + "-1");
        String teacher = Stack.token(Map.of("grant_type", "password", "client_id", "ent-cli", "username", username,
                "password", password));
        java.net.URL url = java.net.URI.create(classes.url("/api/me/class-choice")).toURL();
        double warm = fr.ent.testsupport.OpenLoad.warmUp(url, teacher, 2000);
        fr.ent.testsupport.OpenLoad.Result result = fr.ent.testsupport.OpenLoad.run(url, teacher, rate, seconds,
                body -> body.contains("namedPupils"));
        System.out.printf("[bench] class choice on this class-service (250,000 pupils): warm-up %.1f ms a request; "
                + "%,d requests at %d/s (%.0f/s achieved), %d failed; latency %s%n", warm, result.sent(), rate,
                result.sent() / result.seconds(), result.failed(), result.summary());
        System.out.printf("[bench]   class choice: %s%n", result.slowestSummary());
        assertEquals(0, result.failed(), "failed requests: the latencies would lie");
    }

    private static void deleteTopics(String namespace) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.env("ENT_KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin client = Admin.create(admin)) {
            List<String> topics = client.listTopics().names().get().stream().filter(t -> t.startsWith(namespace)).toList();
            client.deleteTopics(topics).all().get();
        }
    }

    /** The acknowledging topics exist before the benchmark listens to them, as the broker would make them (12). */
    private static void createTopics(List<String> topics) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.env("ENT_KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin client = Admin.create(admin)) {
            client.createTopics(topics.stream().map(topic -> new NewTopic(topic, 12, (short) 1)).toList()).all().get();
        }
    }



    /** Rows per second that PostgreSQL takes by COPY into an unlogged table shaped like the import's stage. */
    private static double copyRowsPerSecond(int rows) throws Exception {
        String url = StackServers.jdbcUrl("onde_sync");
        try (Connection connection = DriverManager.getConnection(url, Stack.env("ENT_POSTGRES_USER"), "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE UNLOGGED TABLE IF NOT EXISTS bench_copy (ord BIGINT, type TEXT, op TEXT, id TEXT, "
                    + "attrs JSONB)");
            statement.execute("TRUNCATE bench_copy");
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                data.append(i).append("\tEleve\tA\tELV-").append(i).append("\t{\"ENTPersonNom\": [\"NOM").append(i)
                        .append("\"], \"ENTPersonPrenom\": [\"Prénom\"], \"ENTPersonClasses\": [\"0750654D$C1$CP A\"]}\n");
            }
            long start = System.nanoTime();
            ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI()
                    .copyIn("COPY bench_copy FROM STDIN", new StringReader(data.toString()));
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE bench_copy");
            return rows / seconds;
        }
    }

    /** Records per second one producer sends with acks=all to a 12-partition topic, payloads of an event's size. */
    private static double producedRecordsPerSecond(int records) throws Exception {
        String topic = "bench-producer-" + UUID.randomUUID();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.env("ENT_KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.env("ENT_KAFKA_BOOTSTRAP_SERVERS"));
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            String payload = "{\"uai\":\"0750654D\",\"schoolYear\":\"2018-2019\",\"pupilId\":\"ELV-000000\",\"lastName\":"
                    + "\"NOM\",\"firstName\":\"Prénom\",\"classId\":\"C1\",\"level\":\"CP\",\"ine\":\"123456789AB\"}";
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                    new StringSerializer())) {
                long start = System.nanoTime();
                Future<RecordMetadata> last = null;
                for (int i = 0; i < records; i++) {
                    last = producer.send(new ProducerRecord<>(topic, "K" + (i % 1667), payload));
                }
                producer.flush();
                last.get();
                double seconds = (System.nanoTime() - start) / 1e9;
                return records / seconds;
            } finally {
                client.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private static JsonNode awaitEnd(ServiceProcess onde, String id, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            JsonNode status = Stack.json(Stack.get(onde.url("/api/imports/" + id + "?schools=false"), Optional.of(token)));
            if (status.get("status").asText().matches("COMPLETED|REFUSED|HELD|FAILED|DISCARDED")
                    || System.nanoTime() > deadline) {
                return Stack.json(Stack.get(onde.url("/api/imports/" + id), Optional.of(token))); // with its schools
            }
            Thread.sleep(200);
        }
    }

}
