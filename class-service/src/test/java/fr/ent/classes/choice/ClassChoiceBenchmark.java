package fr.ent.classes.choice;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Prints the latency of {@code GET /api/me/class-choice} under a steady load; asserts nothing about time. A school of
 * 20 classes of 25 pupils, requests sent open-loop at a fixed rate (each latency counted from when its request was
 * due, so a slow answer cannot hide the ones queued behind it). Run with {@code ./ent bench}; settings
 * {@code -Dbench.rate=200 -Dbench.seconds=30}.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ClassChoiceBenchmark {

    private static final String UAI = "0850001P";
    private static final String YEAR = "2018-2019";

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void classChoiceLatencyUnderSteadyLoad() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 30);
        school(20, 25);
        String token = TestTokens.sign(new TestUser("bench", "ENS-BENCH", Set.of(Roles.ENSEIGNANT), List.of(UAI)));
        System.setProperty("http.maxConnections", "100");
        URL url = URI.create("http://127.0.0.1:" + port + System.getProperty("bench.path", "/api/me/class-choice")).toURL();
        long warmUp = System.nanoTime();
        for (int i = 0; i < 300; i++) { // warm-up: JIT, connection pools
            get(url, token);
        }
        System.out.printf("[bench] warm-up: 300 requests one after the other, %.1f ms each on average%n",
                (System.nanoTime() - warmUp) / 300 / 1e6);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> inFlight = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(64);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            inFlight.add(clients.submit(() -> {
                // Only answered requests count in the latencies: a failure fast or slow is counted apart.
                try {
                    if (get(url, token).contains("namedPupils")) {
                        latencies.add(System.nanoTime() - due);
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                }
            }));
        }
        for (Future<?> request : inFlight) {
            request.get();
        }
        clients.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("[bench] GET /api/me/class-choice, school of 20 classes x 25 pupils: %d requests at %d/s "
                + "(%.0f/s achieved), %d failed%n", total, rate, total / elapsed, failures.get());
        org.junit.jupiter.api.Assertions.assertEquals(0, failures.get(), "failed requests: the latencies would lie");
        System.out.printf("[bench]   latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
    }

    /** One GET on a kept-alive connection (HttpURLConnection reuses them when the body is read whole). */
    private static String get(URL url, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        if (connection.getResponseCode() != 200) {
            connection.getErrorStream().readAllBytes();
            return "";
        }
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1)) / 1e6;
    }

    private void school(int classes, int pupilsPerClass) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO school (uai, name, academy_code, town, departmental) VALUES (?, 'ECOLE BENCH', '17', 'Nantes', FALSE) ON CONFLICT DO NOTHING", UAI);
            execute(connection, "INSERT INTO staff (uai, staff_id, last_name, first_name, teacher, director) VALUES (?, 'ENS-BENCH', 'Banc', 'Prof', TRUE, FALSE) ON CONFLICT DO NOTHING", UAI);
            for (int c = 0; c < classes; c++) {
                String classId = "BENCH-" + c;
                execute(connection, "INSERT INTO school_class (uai, school_year, class_id, onde_name, onde_levels) VALUES (?, ?, ?, ?, ARRAY['CP']) ON CONFLICT DO NOTHING",
                        UAI, YEAR, classId, "Classe " + c);
                for (int p = 0; p < pupilsPerClass; p++) {
                    execute(connection, "INSERT INTO pupil (uai, school_year, pupil_id, first_name, last_name, class_id, level) VALUES (?, ?, ?, ?, ?, ?, 'CP') ON CONFLICT DO NOTHING",
                            UAI, YEAR, "ELV-BENCH-" + c + "-" + p, "Prénom" + p, "Nom" + (p * 7 % pupilsPerClass), classId);
                }
            }
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
