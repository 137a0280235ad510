package fr.ent.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides where a test's Kafka broker and PostgreSQL come from. Servers named by environment variables win
 * (the launcher and CI share one broker and one database server across modules); then, where a Docker engine
 * answers (a developer's laptop), containers started by Testcontainers; otherwise the test JVM starts its own
 * (an in-JVM broker; PostgreSQL from the machine's binaries or from a jar). {@code ENT_TESTCONTAINERS=false} keeps
 * containers out even where Docker is.
 */
public final class ServerSources {

    public static final String KAFKA_BOOTSTRAP = "ENT_KAFKA_BOOTSTRAP_SERVERS";
    public static final String POSTGRES_HOST = "ENT_POSTGRES_HOST";
    public static final String POSTGRES_PORT = "ENT_POSTGRES_PORT";
    public static final String POSTGRES_USER = "ENT_POSTGRES_USER";
    public static final String POSTGRES_PASSWORD = "ENT_POSTGRES_PASSWORD";
    public static final String POSTGRES_BIN = "ENT_POSTGRES_BIN";
    public static final String TESTCONTAINERS = "ENT_TESTCONTAINERS";

    /** Where the PostgreSQL binaries usually are on Debian-like systems, newest first. */
    static final List<Path> USUAL_BIN_DIRS = List.of(
            Path.of("/usr/lib/postgresql/17/bin"), Path.of("/usr/lib/postgresql/16/bin"),
            Path.of("/usr/lib/postgresql/15/bin"), Path.of("/usr/lib/postgresql/14/bin"),
            Path.of("/usr/local/bin"), Path.of("/usr/bin"));

    public enum Kafka { CONFIGURED, CONTAINER, IN_JVM }

    public enum Postgres { CONFIGURED, CONTAINER, LOCAL_BINARIES, EMBEDDED_JAR }

    private ServerSources() {
    }

    /** @param containers whether containers may be used ({@link #containersUsable}) */
    public static Kafka kafka(Map<String, String> env, boolean containers) {
        if (isSet(env, KAFKA_BOOTSTRAP)) {
            return Kafka.CONFIGURED;
        }
        return containers ? Kafka.CONTAINER : Kafka.IN_JVM;
    }

    public static Postgres postgres(Map<String, String> env, boolean containers, Optional<Path> localBinaries) {
        if (isSet(env, POSTGRES_HOST)) {
            return Postgres.CONFIGURED;
        }
        if (containers) {
            return Postgres.CONTAINER;
        }
        return localBinaries.isPresent() ? Postgres.LOCAL_BINARIES : Postgres.EMBEDDED_JAR;
    }

    /**
     * Whether servers may come from containers: not turned off by {@code ENT_TESTCONTAINERS=false}, and a Docker
     * engine answers ({@code dockerAnswers} is only asked when the rest allows it: asking takes time where there is
     * none).
     */
    public static boolean containersUsable(Map<String, String> env, BooleanSupplier dockerAnswers) {
        if ("false".equalsIgnoreCase(String.valueOf(env.get(TESTCONTAINERS)).trim())) {
            return false;
        }
        return dockerAnswers.getAsBoolean();
    }

    /**
     * Whether a Docker engine answers, as Testcontainers finds one — asked only when there is a sign of one (a
     * {@code DOCKER_HOST}, or a socket where Docker and Docker Desktop put it), since looking takes seconds where
     * there is none.
     */
    public static boolean dockerAnswers(Map<String, String> env, Path home) {
        boolean sign = isSet(env, "DOCKER_HOST") || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(home.resolve(".docker/run/docker.sock"));
        if (!sign) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
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
