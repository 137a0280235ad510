package fr.ent.support.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.testsupport.RealServersResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table filled before autovacuum looked at it is analyzed once it is large enough, and only then. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class FreshTablesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLargeTableNeverAnalyzedIsAnalyzedASmallOneIsLeftAndTheWatchEndsOnceAllWere() throws Exception {
        execute("DROP TABLE IF EXISTS fresh_large, fresh_small",
                "CREATE TABLE fresh_large (id TEXT PRIMARY KEY) WITH (autovacuum_enabled = off)",
                "CREATE TABLE fresh_small (id TEXT PRIMARY KEY) WITH (autovacuum_enabled = off)",
                "INSERT INTO fresh_large SELECT md5(i::text) FROM generate_series(1, 30000) i",
                "INSERT INTO fresh_small VALUES ('one')");
        FreshTables fresh = new FreshTables(dataSource, List.of("fresh_large", "fresh_small"));

        assertFalse(fresh.analyzeFresh(), "the small table is still to be analyzed some day");
        assertTrue(analyzed("fresh_large"), "the large one is analyzed");
        assertFalse(analyzed("fresh_small"), "reading a small table whole costs little: left to autovacuum");
        assertEquals(30000, reltuples("fresh_large"), "the planner now knows how many rows it has");

        execute("ANALYZE fresh_small");
        assertTrue(fresh.analyzeFresh(), "every watched table was analyzed: nothing left to watch");
        execute("DROP TABLE fresh_large, fresh_small");
    }

    private void execute(String... statements) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private boolean analyzed(String table) throws Exception {
        return query("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = '" + table + "'")
                .equals("t");
    }

    private long reltuples(String table) throws Exception {
        return Math.round(Double.parseDouble(query("SELECT reltuples FROM pg_class WHERE relname = '" + table + "'")));
    }

    private String query(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
