package fr.ent.support.jdbc;

import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes of the current transaction that need no answer, sent in JDBC batches: consecutive statements with the same
 * SQL go to the database together instead of one round trip each, in the order they were added. Whatever is
 * pending is sent before the transaction commits (a failure then rolls it back), or earlier with {@link #flush()}
 * — before reading what was written, for instance.
 */
@TransactionScoped
public class PendingWrites implements Serializable {

    private record Write(String sql, Object[] parameters) {
    }

    @Inject
    transient AgroalDataSource dataSource;

    @Inject
    transient TransactionSynchronizationRegistry transactions;

    private final List<Write> pending = new ArrayList<>();
    private boolean registered;

    /** Adds a write to the transaction's pending ones. */
    public void add(String sql, Object... parameters) {
        if (!registered) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    flush();
                }

                @Override
                public void afterCompletion(int status) {
                    pending.clear();
                }
            });
            registered = true;
        }
        pending.add(new Write(sql, parameters));
    }

    /** Sends every pending write, in order, consecutive ones with the same SQL in one batch. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            int from = 0;
            while (from < pending.size()) {
                String sql = pending.get(from).sql();
                int to = from;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    while (to < pending.size() && pending.get(to).sql().equals(sql)) {
                        Sql.bind(connection, statement, pending.get(to).parameters());
                        statement.addBatch();
                        to++;
                    }
                    statement.executeBatch();
                }
                from = to;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + pending.size() + " pending rows: "
                    + (e.getNextException() == null ? e.getMessage() : e.getNextException().getMessage()), e);
        } finally {
            pending.clear();
        }
    }
}
