package fr.ent.support.jdbc;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL in the caller's transaction (the connection enlists in it), for every service: rows keyed by natural
 * ids, bulk statements and set-based changes say more plainly in SQL than in entity mappings. Parameters are bound
 * in one place ({@link #bind}): text arrays and instants included.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public Sql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(sql, row, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A text array parameter. */
    public static TextArray texts(Collection<String> values) {
        return new TextArray(values.toArray(String[]::new));
    }

    public record TextArray(String[] values) {
    }

    /** An array parameter of a PostgreSQL type ({@code text}, {@code bool}, {@code uuid}). */
    public static TypedArray array(String type, Object[] values) {
        return new TypedArray(type, values);
    }

    public record TypedArray(String type, Object[] values) {
    }

    /** A text[] column as a list (null stays null). */
    public static List<String> texts(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        return array == null ? null : List.of((String[]) array.getArray());
    }

    /** Runs one statement on a connection the caller holds (a COPY session, a transaction's own connection). */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Inserts rows in one JDBC batch; {@code values} gives each row's parameters in order. */
    public <T> void insertAll(String sql, List<T> rows, java.util.function.Function<T, Object[]> values) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (T row : rows) {
                bind(connection, insert, values.apply(row));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    public static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(connection, statement, parameters);
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    /** Binds parameters in order: a {@link TextArray} as text[], an {@link java.time.Instant} as a timestamp. */
    public static void bind(Connection connection, PreparedStatement statement, Object... parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof TextArray array) {
                statement.setArray(i + 1, connection.createArrayOf("text", array.values()));
            } else if (value instanceof TypedArray array) {
                statement.setArray(i + 1, connection.createArrayOf(array.type(), array.values()));
            } else if (value instanceof java.time.Instant instant) {
                statement.setTimestamp(i + 1, java.sql.Timestamp.from(instant));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
