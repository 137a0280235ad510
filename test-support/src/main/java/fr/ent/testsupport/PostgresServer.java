package fr.ent.testsupport;

/** A running PostgreSQL that a test may create databases in. */
public interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    /** A role allowed to create databases. */
    String user();

    /** Empty for the throwaway servers the tests start (trust authentication on loopback). */
    default String password() {
        return "";
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    @Override
    void close();

    /** A server that somebody else runs: closing it leaves it running. */
    record Configured(String host, int port, String user, String password) implements PostgresServer {
        @Override
        public void close() {
        }
    }
}
