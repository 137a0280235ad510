package fr.ent.support.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.ent.testsupport.RealServersResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What goes through COPY comes back as it was: text of every width in UTF-8 (accents, symbols, a character outside
 * the basic plane), COPY's special characters, SQL NULL, and values that do not fit in one buffer, cut at every
 * place of a character.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class CopyWriterTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyValueComesBackAsWrittenWhereverTheBufferIsCut() throws Exception {
        List<String> values = new ArrayList<>(List.of("plain", "Léa Chloé Zoé", "back\\slash", "tab\there",
                "new\nline", "carriage\rreturn", "€ 3 × 2 ≠ 5", "musique 𝄞 clé de sol", "\\N", "", "ends with \\"));
        // Longer than the buffer (1 MiB), each a different width per character so that flushes fall on every kind.
        values.add("é".repeat(700_000));
        values.add("€".repeat(400_000) + "a");
        values.add("x" + "𝄞".repeat(300_000));
        values.add("\t\\".repeat(300_000));
        values.add("a".repeat((1 << 20) - 3) + "€é𝄞");

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS copy_written");
            statement.execute("CREATE TABLE copy_written (n INT, a TEXT, b TEXT)");
            CopyWriter copy = new CopyWriter(connection, "COPY copy_written (n, a, b) FROM STDIN");
            for (int i = 0; i < values.size(); i++) {
                copy.row(i, values.get(i), i % 2 == 0 ? null : values.get(values.size() - 1 - i));
            }
            assertEquals(values.size(), copy.finish(), "every row counted");
            copy.close();

            try (ResultSet rows = statement.executeQuery("SELECT n, a, b FROM copy_written ORDER BY n")) {
                int n = 0;
                while (rows.next()) {
                    int i = rows.getInt(1);
                    assertEquals(n++, i);
                    same(values.get(i), rows.getString(2), "value " + i);
                    if (i % 2 == 0) {
                        assertNull(rows.getString(3), "SQL NULL for row " + i);
                    } else {
                        same(values.get(values.size() - 1 - i), rows.getString(3), "second value of row " + i);
                    }
                }
                assertEquals(values.size(), n, "every row is in the table");
            }
            statement.execute("DROP TABLE copy_written");
        }
    }

    @Test
    void anUnpairedSurrogateIsWrittenAsUtf8EncodingWritesIt() throws Exception {
        String broken = "a\uD834b\uDD1Ec";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS copy_written");
            statement.execute("CREATE TABLE copy_written (a TEXT)");
            CopyWriter copy = new CopyWriter(connection, "COPY copy_written (a) FROM STDIN");
            copy.row(broken);
            copy.finish();
            copy.close();
            try (ResultSet row = statement.executeQuery("SELECT a FROM copy_written")) {
                row.next();
                assertEquals(new String(broken.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                        row.getString(1));
            }
            statement.execute("DROP TABLE copy_written");
        }
    }

    /** Equal texts, or where they first differ (not the megabytes themselves). */
    private static void same(String expected, String actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        int at = 0;
        while (at < Math.min(expected.length(), actual == null ? 0 : actual.length())
                && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        throw new AssertionError(String.format("%s: %d characters expected, %s read, first difference at %d", what,
                expected.length(), actual == null ? "null" : actual.length() + " characters", at));
    }
}
