package fr.ent.onde.school;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.messaging.Outbox;
import fr.ent.support.messaging.OutboxRelay;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Prints the outbox's figures on this machine; asserts nothing about time. Run with {@code ./ent bench}
 * (or {@code ./mvnw -pl onde-sync-service -am verify -Dtest='*Benchmark' -Dsurefire.failIfNoSpecifiedTests=false}).
 * Sizes: {@code -Dbench.events=100000 -Dbench.latency-samples=300}.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class OutboxBenchmark {

    private static final int KEYS = 1000;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void throughputAndCommitToConsumeLatency() throws Exception {
        throughput(Integer.getInteger("bench.events", 100_000));
        latency(Integer.getInteger("bench.latency-samples", 300));
    }

    private void throughput(int events) throws InterruptedException {
        relay.pause();
        long start = System.nanoTime();
        for (int written = 0; written < events; written += 1000) {
            int from = written;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = from; i < Math.min(from + 1000, events); i++) {
                    publish(i);
                }
            });
        }
        double writeSeconds = seconds(start);
        start = System.nanoTime();
        relay.resume();
        while (relay.pendingCount() > 0) {
            Thread.sleep(20);
        }
        double relaySeconds = seconds(start);
        System.out.printf("%nOUTBOX BENCHMARK%n  written in transactions of 1000: %,d events in %.1f s = %,.0f events/s%n"
                + "  relayed to Kafka (acks=all, marked sent): %,d events in %.1f s = %,.0f events/s%n",
                events, writeSeconds, events / writeSeconds, events, relaySeconds, events / relaySeconds);
    }

    private void latency(int samples) throws Exception {
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean ready = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(received, ready, stop), "latency-reader");
        reader.start();
        while (!ready.get()) {
            Thread.sleep(20);
        }
        Map<String, Long> committed = new ConcurrentHashMap<>();
        for (int i = 0; i < samples; i++) {
            UUID id = QuarkusTransaction.requiringNew().call(() -> publish(ThreadLocalRandom.current().nextInt(KEYS)));
            committed.put(id.toString(), System.nanoTime());
            Thread.sleep(10);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!received.keySet().containsAll(committed.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        reader.join();
        List<Long> micros = new ArrayList<>();
        committed.forEach((id, at) -> {
            Long seen = received.get(id);
            if (seen != null) {
                micros.add((seen - at) / 1000);
            }
        });
        micros.sort(Long::compare);
        System.out.printf("  commit-to-consume latency, idle relay (%d of %d samples): p50 %.1f ms, p95 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n%n", micros.size(), samples, percentile(micros, 50),
                percentile(micros, 95), percentile(micros, 99), micros.get(micros.size() - 1) / 1000.0);
    }

    private UUID publish(int i) {
        String uai = String.format("%07d%c", i % KEYS, "ABCDEFGHJKLMNPRSTUVWXYZ".charAt((i % KEYS) % 23));
        return outbox.publish(Topics.ONDE_CHANGES, uai, EventTypes.ONDE_SCHOOL_UPSERTED, uai,
                new SchoolUpserted(uai, "École " + i, "ECOLE ELEMENTAIRE PUBLIQUE", "01", "PARIS", "Paris", null, false));
    }

    private void read(Map<String, Long> received, AtomicBoolean ready, AtomicBoolean stop) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TestKafka.topic(Topics.ONDE_CHANGES)));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(50));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            ready.set(true);
            while (!stop.get()) {
                consumer.poll(Duration.ofMillis(5)).forEach(record -> received.put(
                        new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8),
                        System.nanoTime()));
            }
        }
    }

    private static double percentile(List<Long> sortedMicros, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
