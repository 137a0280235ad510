package fr.ent.support.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Statistics for tables a first import fills. PostgreSQL plans the statements on a table that was never analyzed
 * from its size alone, with default selectivities, until autovacuum first analyzes it — up to a minute later
 * (autovacuum_naptime), most of an académie's first import. Meanwhile a statement that finds a batch's rows by
 * key may read the whole growing table each time: in one P1 import identity-service's membership statements made
 * 509 and 416 such scans of {@code pupil_responsable} and {@code class_pupil}, 43 million rows read. Told after each
 * batch ({@link #nudge()}), this analyzes the watched tables that hold at least {@link #MIN_BYTES} and were never
 * analyzed — on a thread and a connection of its own, outside the batch's transaction — and stops looking once
 * every one of them was analyzed; autovacuum keeps their statistics from then on.
 */
public final class FreshTables {

    private static final Logger LOG = Logger.getLogger(FreshTables.class);
    /** About 10,000 rows of a narrow table: below it, reading the whole table costs little. */
    public static final long MIN_BYTES = 1 << 20;

    private final DataSource dataSource;
    private final List<String> tables;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean done;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fresh-tables");
        t.setDaemon(true);
        return t;
    });

    public FreshTables(DataSource dataSource, List<String> tables) {
        this.dataSource = dataSource;
        this.tables = List.copyOf(tables);
    }

    /** Looks at the tables once, in the background, unless a look is under way or every table was analyzed. */
    public void nudge() {
        if (done || !busy.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            try {
                analyzeFresh();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("could not analyze the tables %s (%s): autovacuum will", tables, e.getMessage());
            } finally {
                busy.set(false);
            }
        });
    }

    /**
     * Analyzes the watched tables that were never analyzed and are large enough; true once every watched table was
     * analyzed at least once (nothing left to do).
     */
    public boolean analyzeFresh() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<String> fresh = new ArrayList<>();
            int never = 0;
            try (PreparedStatement query = Sql.prepare(connection, "SELECT quote_ident(c.relname), pg_relation_size(c.oid) >= ? "
                    + "FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = ANY(?) "
                    + "AND c.relnamespace = to_regnamespace(current_schema()) "
                    + "AND s.last_analyze IS NULL AND s.last_autoanalyze IS NULL", MIN_BYTES, Sql.texts(tables));
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    never++;
                    if (rows.getBoolean(2)) {
                        fresh.add(rows.getString(1));
                    }
                }
            }
            if (!fresh.isEmpty()) {
                try (Statement analyze = connection.createStatement()) {
                    analyze.execute("ANALYZE " + String.join(", ", fresh));
                }
                LOG.infof("analyzed %s, filled before autovacuum first looked at them", fresh);
            }
            done = never == fresh.size();
            return done;
        }
    }
}
