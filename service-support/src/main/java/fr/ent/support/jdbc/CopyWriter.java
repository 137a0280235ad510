package fr.ent.support.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a table with PostgreSQL's COPY (text format), buffered: the fastest way in for hundreds of
 * thousands of rows, at a constant memory cost.
 */
public final class CopyWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(BUFFER + 4096);
    private long rows;

    /** @param copySql e.g. {@code COPY onde_stage (ord, type, op, id, attrs) FROM STDIN} */
    public CopyWriter(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    /** One row; a null value is written as SQL NULL. */
    public void row(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            if (values[i] == null) {
                buffer.append("\\N");
            } else {
                escape(values[i].toString());
            }
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() >= BUFFER) {
            flush();
        }
    }

    /** Most values need no escaping: they are appended whole; the others character by character. */
    private void escape(String value) {
        int length = value.length();
        int first = 0;
        while (first < length && !special(value.charAt(first))) {
            first++;
        }
        if (first == length) {
            buffer.append(value);
            return;
        }
        buffer.append(value, 0, first);
        for (int i = first; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** Sends what is buffered and ends the COPY; returns the rows written. */
    public long finish() throws SQLException {
        flush();
        copy.endCopy();
        return rows;
    }

    /** Abandons the COPY if it was not finished: nothing of it is kept. */
    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the connection is closed next; the COPY dies with it
            }
        }
    }
}
