package fr.ent.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** PostgreSQL binaries shipped in a Maven jar, for machines where none is installed. */
final class EmbeddedJarPostgres implements PostgresServer {

    private final EmbeddedPostgres postgres;

    private EmbeddedJarPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedJarPostgres start() throws IOException {
        return new EmbeddedJarPostgres(EmbeddedPostgres.builder().setPort(FreePorts.next()).start());
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the embedded PostgreSQL", e);
        }
    }
}
