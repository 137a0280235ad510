package fr.ent.classes.choice;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.OpenLoad;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Prints the latency of {@code GET /api/me/class-choice} under a steady load; asserts nothing about time. The
 * database holds a whole académie first ({@code -Dbench.pupils=250000}: schools of 6 classes of 25 pupils, each pupil
 * with two responsables), and the teacher's school has 20 classes of 25 pupils; requests are sent open-loop at a
 * fixed rate (each latency counted from when its request was due, so a slow answer cannot hide the ones queued
 * behind it). Run with {@code ./ent bench}; settings {@code -Dbench.rate=1000 -Dbench.seconds=20}.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ClassChoiceBenchmark {

    private static final String UAI = "0850001P";
    private static final String YEAR = "2018-2019";
    private static final int WARM_UP = 2000;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void classChoiceLatencyUnderSteadyLoad() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        long filling = System.nanoTime();
        int pupils = academy(Integer.getInteger("bench.pupils", 250_000));
        System.out.printf("[bench] class-service holds %,d pupils of the académie's current year (%.1f s to fill)%n",
                pupils, (System.nanoTime() - filling) / 1e9);
        school(20, 25);
        String token = TestTokens.sign(new TestUser("bench", "ENS-BENCH", Set.of(Roles.ENSEIGNANT), List.of(UAI)));
        URL url = URI.create("http://127.0.0.1:" + port + System.getProperty("bench.path", "/api/me/class-choice")).toURL();
        System.out.printf("[bench] warm-up: %d requests one after the other, %.1f ms each on average%n", WARM_UP,
                OpenLoad.warmUp(url, token, WARM_UP));
        OpenLoad.Result result = OpenLoad.run(url, token, rate, seconds, body -> body.contains("namedPupils"));
        System.out.printf("[bench] GET /api/me/class-choice, school of 20 classes x 25 pupils among the académie's: "
                + "%d requests at %d/s (%.0f/s achieved), %d failed%n", result.sent(), rate,
                result.sent() / result.seconds(), result.failed());
        org.junit.jupiter.api.Assertions.assertEquals(0, result.failed(), "failed requests: the latencies would lie");
        System.out.printf("[bench]   latency %s; %s%n", result.summary(), result.slowestSummary());
    }

    /**
     * A whole académie in class-service's tables, in set-based SQL (the same rows again on the next run): schools of
     * 6 classes of 25 pupils, two responsables each, a teacher per class. Returns the current year's pupils.
     */
    private int academy(int pupils) throws SQLException {
        int schools = Math.max(1, pupils / 150);
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO school (uai, name, academy_code, town, departmental) SELECT 'B' || "
                    + "lpad(s::text, 6, '0') || 'X', 'ECOLE ' || s, '17', 'Ville', FALSE FROM generate_series(1, ?) s "
                    + "ON CONFLICT DO NOTHING", schools);
            execute(connection, "INSERT INTO staff (uai, staff_id, last_name, first_name, teacher, director) SELECT "
                    + "'B' || lpad(s::text, 6, '0') || 'X', 'ENS-B-' || s || '-' || c, 'Nom', 'Prof', TRUE, c = 0 "
                    + "FROM generate_series(1, ?) s, generate_series(0, 5) c ON CONFLICT DO NOTHING", schools);
            execute(connection, "INSERT INTO school_class (uai, school_year, class_id, onde_name, onde_levels) SELECT "
                    + "'B' || lpad(s::text, 6, '0') || 'X', ?, 'C' || c, 'Classe ' || c, ARRAY['CP'] "
                    + "FROM generate_series(1, ?) s, generate_series(0, 5) c ON CONFLICT DO NOTHING", YEAR, schools);
            execute(connection, "INSERT INTO pupil (uai, school_year, pupil_id, first_name, last_name, class_id, level) "
                    + "SELECT 'B' || lpad(s::text, 6, '0') || 'X', ?, 'ELV-B-' || s || '-' || c || '-' || p, "
                    + "'Prénom' || p, 'Nom' || (p * 7 % 25), 'C' || c, 'CP' FROM generate_series(1, ?) s, "
                    + "generate_series(0, 5) c, generate_series(0, 24) p ON CONFLICT DO NOTHING", YEAR, schools);
            execute(connection, "INSERT INTO responsable (uai, responsable_id, kind, last_name, first_name) SELECT "
                    + "'B' || lpad(s::text, 6, '0') || 'X', 'RESP-B-' || s || '-' || c || '-' || p || '-' || r, 'PERSON', "
                    + "'Nom', 'Parent' FROM generate_series(1, ?) s, generate_series(0, 5) c, generate_series(0, 24) p, "
                    + "generate_series(0, 1) r ON CONFLICT DO NOTHING", schools);
            execute(connection, "INSERT INTO pupil_responsable (uai, pupil_id, responsable_id, relation_code, "
                    + "parental_authority) SELECT 'B' || lpad(s::text, 6, '0') || 'X', 'ELV-B-' || s || '-' || c || '-' "
                    + "|| p, 'RESP-B-' || s || '-' || c || '-' || p || '-' || r, '10', TRUE FROM generate_series(1, ?) s, "
                    + "generate_series(0, 5) c, generate_series(0, 24) p, generate_series(0, 1) r ON CONFLICT DO NOTHING",
                    schools);
            execute(connection, "VACUUM ANALYZE"); // else autovacuum would work through the new rows during the run
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM pupil WHERE school_year = ?")) {
                count.setString(1, YEAR);
                try (java.sql.ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        }
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
