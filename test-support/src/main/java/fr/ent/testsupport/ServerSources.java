package fr.ent.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where a test's Kafka broker and PostgreSQL come from. Servers named by environment variables win
 * (the launcher and CI share one broker and one database server across modules); otherwise the test JVM
 * starts its own.
 */
public final class ServerSources {

    public static final String KAFKA_BOOTSTRAP = "ENT_KAFKA_BOOTSTRAP_SERVERS";
    public static final String POSTGRES_HOST = "ENT_POSTGRES_HOST";
    public static final String POSTGRES_PORT = "ENT_POSTGRES_PORT";
    public static final String POSTGRES_USER = "ENT_POSTGRES_USER";
    public static final String POSTGRES_PASSWORD = "ENT_POSTGRES_PASSWORD";
    public static final String POSTGRES_BIN = "ENT_POSTGRES_BIN";

    /** Where the PostgreSQL binaries usually are on Debian-like systems, newest first. */
    static final List<Path> USUAL_BIN_DIRS = List.of(
            Path.of("/usr/lib/postgresql/17/bin"), Path.of("/usr/lib/postgresql/16/bin"),
            Path.of("/usr/lib/postgresql/15/bin"), Path.of("/usr/lib/postgresql/14/bin"),
            Path.of("/usr/local/bin"), Path.of("/usr/bin"));

    public enum Kafka { CONFIGURED, IN_JVM }

    public enum Postgres { CONFIGURED, LOCAL_BINARIES, EMBEDDED_JAR }

    private ServerSources() {
    }

    public static Kafka kafka(Map<String, String> env) {
        return isSet(env, KAFKA_BOOTSTRAP) ? Kafka.CONFIGURED : Kafka.IN_JVM;
    }

    public static Postgres postgres(Map<String, String> env, Optional<Path> localBinaries) {
        if (isSet(env, POSTGRES_HOST)) {
            return Postgres.CONFIGURED;
        }
        return localBinaries.isPresent() ? Postgres.LOCAL_BINARIES : Postgres.EMBEDDED_JAR;
    }

    /** The first folder holding both {@code initdb} and {@code pg_ctl}: the one named by the environment, else a usual one. */
    public static Optional<Path> localPostgresBinaries(Map<String, String> env, List<Path> usualDirs) {
        if (isSet(env, POSTGRES_BIN)) {
            return Optional.of(Path.of(env.get(POSTGRES_BIN)));
        }
        return usualDirs.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
