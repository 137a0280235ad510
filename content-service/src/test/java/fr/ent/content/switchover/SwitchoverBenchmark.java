package fr.ent.content.switchover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.retention.Application;
import fr.ent.content.retention.RetentionMatrix;
import fr.ent.content.retention.SpaceKind;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Prints how long content-service takes to apply a switchover (CNT-1: archive, verify, delete, close, acknowledge),
 * from the {@code year-switched} event sent on Kafka to the last school's acknowledgement written: for a school of 12
 * classes × 500 items and for an académie of {@code bench.classes} (5,000) classes × {@code bench.items} (200) items,
 * 25 classes a school, two teachers a class, the items spread over the nine applications of a class space. The
 * spaces are filled with SQL first (not timed). Asserts only that everything was done (no time): every item left its
 * class, every archive row is there. Run with {@code ./ent bench}.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SwitchoverBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String FROM = "2022-2023";
    private static final String TO = "2023-2024";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void switchoverTimeForASchoolAndAnAcademy() throws Exception {
        // The first event on the topic waits for the consumer's assignment: a school of one item takes that wait.
        run("97", 1, 1, 1);
        run("98", 12, 12, 500);
        run("99", Integer.getInteger("bench.classes", 5_000), 25, Integer.getInteger("bench.items", 200));
    }

    private void run(String academy, int classes, int classesPerSchool, int itemsPerClass) throws Exception {
        long filling = System.nanoTime();
        int schools = fill(academy, classes, classesPerSchool, itemsPerClass);
        long items = (long) classes * itemsPerClass;
        long archiveRows = expectedArchiveRows(academy);
        System.out.printf("[bench] %s: %,d schools, %,d classes, %,d items, %,d archive rows due (%.1f s to fill)%n",
                label(academy), schools, classes, items, archiveRows, (System.nanoTime() - filling) / 1e9);
        UUID switchover = UUID.randomUUID();
        long start = System.nanoTime();
        TestKafka.sendEvent(TestKafka.topic(Topics.YEAR_SWITCHED), academy, UUID.randomUUID(),
                EventTypes.ROLLOVER_YEAR_SWITCHED, JSON.writeValueAsString(new YearSwitched(switchover, academy, FROM, TO,
                        Instant.now())));
        long firstAck = 0;
        while (true) {
            long done = count("SELECT count(*) FROM content_year_switch WHERE switchover_id = ?", switchover);
            if (done > 0 && firstAck == 0) {
                firstAck = System.nanoTime();
            }
            if (done == schools) {
                break;
            }
            if (System.nanoTime() - start > 1_800_000_000_000L) {
                throw new AssertionError("the switchover did not finish in 30 min: " + done + " of " + schools);
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, count("SELECT count(*) FROM content_item i JOIN space s ON s.id = i.space_id "
                + "WHERE s.uai LIKE ? AND s.school_year = ?", "0" + academy + "%", FROM), "every item left its class");
        assertEquals(archiveRows, count("SELECT count(*) FROM recovery_item WHERE switchover_id = ?", switchover),
                "every archive row");
        System.out.printf("[bench] %s: switchover applied in %.2f s (first school acknowledged after %.2f s): "
                + "%,.0f items/s, %,d archive rows written%n", label(academy), seconds, (firstAck - start) / 1e9,
                items / seconds, archiveRows);
    }

    private static String label(String academy) {
        return switch (academy) {
            case "97" -> "warm-up (first event)";
            case "98" -> "one school";
            default -> "académie";
        };
    }

    /** The académie's schools, classes, teachers and items, made with SQL; what a previous run left is removed. */
    private int fill(String academy, int classes, int classesPerSchool, int itemsPerClass) throws SQLException {
        List<String> applications = java.util.Arrays.stream(Application.values())
                .filter(a -> RetentionMatrix.fate(a, SpaceKind.CLASS).isPresent()).map(Enum::name).toList();
        int schools = (classes + classesPerSchool - 1) / classesPerSchool;
        String prefix = "0" + academy;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String spaces = "(SELECT id FROM space WHERE uai LIKE '" + prefix + "%')";
            statement.execute("DELETE FROM recovery_copy WHERE recovery_item IN (SELECT id FROM recovery_item WHERE uai "
                    + "LIKE '" + prefix + "%')");
            statement.execute("DELETE FROM recovery_item WHERE uai LIKE '" + prefix + "%'");
            statement.execute("DELETE FROM backup_copy WHERE copy_item IN (SELECT id FROM content_item WHERE space_id IN "
                    + spaces + ")");
            statement.execute("DELETE FROM content_item WHERE space_id IN " + spaces);
            statement.execute("DELETE FROM space_link WHERE space_id IN " + spaces + " OR class_space_id IN " + spaces);
            statement.execute("DELETE FROM space_member WHERE space_id IN " + spaces);
            statement.execute("DELETE FROM space WHERE uai LIKE '" + prefix + "%'");
            statement.execute("DELETE FROM content_school WHERE academy_code = '" + academy + "'");
            statement.execute("INSERT INTO content_school (uai, academy_code) SELECT '" + prefix + "' || lpad(s::text, 4, "
                    + "'0') || 'B', '" + academy + "' FROM generate_series(1, " + schools + ") s");
            statement.execute("INSERT INTO space (id, kind, uai, school_year, ref, name) SELECT gen_random_uuid(), 'CLASS', "
                    + "'" + prefix + "' || lpad((c / " + classesPerSchool + " + 1)::text, 4, '0') || 'B', '" + FROM
                    + "', 'C' || c, 'Classe ' || c FROM generate_series(0, " + (classes - 1) + ") c");
            statement.execute("INSERT INTO space_member (space_id, person_id, role) SELECT s.id, 'ENS-' || s.ref || '-' || t,"
                    + " 'TEACHER' FROM space s, generate_series(1, 2) t WHERE s.uai LIKE '" + prefix + "%'");
            statement.execute("INSERT INTO space_member (space_id, person_id, role) SELECT s.id, 'ELV-' || s.ref || '-' || p,"
                    + " 'PUPIL' FROM space s, generate_series(1, 25) p WHERE s.uai LIKE '" + prefix + "%'");
            try (PreparedStatement items = connection.prepareStatement("INSERT INTO content_item (id, space_id, "
                    + "application, title, body, data, creator, created_at, updated_at) SELECT gen_random_uuid(), s.id, "
                    + "(?::text[])[1 + i % ?], 'Élément ' || i, repeat('Texte de la classe, ', 10), "
                    + "jsonb_build_object('n', i), 'ENS-' || s.ref || '-' || (1 + i % 2), now(), now() FROM space s, "
                    + "generate_series(1, ?) i WHERE s.uai LIKE ?")) {
                items.setArray(1, connection.createArrayOf("text", applications.toArray()));
                items.setInt(2, applications.size());
                items.setInt(3, itemsPerClass);
                items.setString(4, prefix + "%");
                items.executeUpdate();
            }
            statement.execute("ANALYZE space");
            statement.execute("ANALYZE space_member");
            statement.execute("ANALYZE content_item");
        }
        return schools;
    }

    /** Archived items for each teacher of the class; contests and points for their creator only. */
    private long expectedArchiveRows(String academy) throws SQLException {
        List<String> forTeachers = new java.util.ArrayList<>();
        List<String> forCreator = new java.util.ArrayList<>();
        for (Application application : RetentionMatrix.withFate(SpaceKind.CLASS, fr.ent.content.retention.Fate.ARCHIVE)) {
            (RetentionMatrix.creatorOnly(application) ? forCreator : forTeachers).add(application.name());
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(sum(CASE WHEN i.application = ANY (?::text[]) THEN 2 WHEN i.application = ANY "
                        + "(?::text[]) THEN 1 ELSE 0 END), 0) FROM content_item i JOIN space s ON s.id = i.space_id "
                        + "WHERE s.uai LIKE ?")) {
            query.setArray(1, connection.createArrayOf("text", forTeachers.toArray()));
            query.setArray(2, connection.createArrayOf("text", forCreator.toArray()));
            query.setString(3, "0" + academy + "%");
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private long count(String query, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
