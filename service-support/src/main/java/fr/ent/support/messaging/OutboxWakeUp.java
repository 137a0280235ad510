package fr.ent.support.messaging;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Waits for the {@code ent_outbox} notification that the outbox trigger sends when events are committed, on a
 * connection of its own. Without it (connection lost), the relay simply waits the whole interval and looks anyway.
 */
final class OutboxWakeUp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final AgroalDataSource dataSource;
    private Connection connection;

    OutboxWakeUp(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns when events were committed, or after {@code atMost}. */
    void await(Duration atMost) throws InterruptedException {
        try {
            if (connection == null) {
                listen();
            }
            connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, atMost.toMillis()));
        } catch (SQLException e) {
            LOG.warnf("outbox notifications unavailable (%s); waiting %s", e.getMessage(), atMost);
            close();
            Thread.sleep(atMost.toMillis());
        }
    }

    private void listen() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN ent_outbox");
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing the outbox listener connection: %s", e.getMessage());
            }
            connection = null;
        }
    }
}
