package fr.ent.support.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a table with PostgreSQL's COPY (text format), buffered: the fastest way in for hundreds of
 * thousands of rows, at a constant memory cost. Values are escaped and encoded (UTF-8) straight into one reused
 * buffer: building a text and encoding it at each flush allocated up to seven bytes for each one sent (a builder gone
 * UTF-16 at the first accent, its copy, the encoder's worst-case array and its trimmed copy), 950 MB of garbage
 * while onde-sync-service staged an académie of 250,000 pupils, and as much again while it wrote its changes.
 */
public final class CopyWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 20;
    /** The most bytes one character takes, escaped or encoded: a flush is due before there is less room. */
    private static final int LONGEST = 4;

    private final CopyIn copy;
    private final byte[] buffer = new byte[BUFFER];
    private int length;
    private long rows;

    /** @param copySql e.g. {@code COPY onde_stage (ord, type, op, id, attrs) FROM STDIN} */
    public CopyWriter(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    /** One row; a null value is written as SQL NULL. */
    public void row(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            if (values[i] == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else {
                append(values[i].toString());
            }
        }
        put((byte) '\n');
        rows++;
    }

    /** A value escaped for COPY's text format (backslash, tab, newline, carriage return) and encoded in UTF-8. */
    private void append(String value) throws SQLException {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (length > BUFFER - LONGEST) {
                flush();
            }
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> escaped('\\');
                    case '\t' -> escaped('t');
                    case '\n' -> escaped('n');
                    case '\r' -> escaped('r');
                    default -> buffer[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | c >> 6);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                buffer[length++] = (byte) (0xF0 | code >> 18);
                buffer[length++] = (byte) (0x80 | code >> 12 & 0x3F);
                buffer[length++] = (byte) (0x80 | code >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | code & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buffer[length++] = '?'; // half a pair: what String.getBytes(UTF_8) writes for it
            } else {
                buffer[length++] = (byte) (0xE0 | c >> 12);
                buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void escaped(char c) {
        buffer[length++] = '\\';
        buffer[length++] = (byte) c;
    }

    private void put(byte b) throws SQLException {
        if (length == BUFFER) {
            flush();
        }
        buffer[length++] = b;
    }

    /** Sends what is buffered: COPY's data is one stream, which PostgreSQL reads whole rows from. */
    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
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
