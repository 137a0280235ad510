package fr.ent.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSourcesTest {

    @Test
    void aConfiguredBrokerIsUsedAsIsEvenWhereContainersCouldRun() {
        assertEquals(ServerSources.Kafka.CONFIGURED,
                ServerSources.kafka(Map.of(ServerSources.KAFKA_BOOTSTRAP, "127.0.0.1:19092"), true));
    }

    @Test
    void withoutConfigurationTheBrokerIsAContainerWhereDockerIsElseInTheJvm() {
        assertEquals(ServerSources.Kafka.CONTAINER, ServerSources.kafka(Map.of(), true));
        assertEquals(ServerSources.Kafka.IN_JVM, ServerSources.kafka(Map.of(), false));
        assertEquals(ServerSources.Kafka.IN_JVM, ServerSources.kafka(Map.of(ServerSources.KAFKA_BOOTSTRAP, " "), false));
    }

    @Test
    void aConfiguredPostgresWinsOverContainersAndLocalBinaries() {
        assertEquals(ServerSources.Postgres.CONFIGURED, ServerSources.postgres(
                Map.of(ServerSources.POSTGRES_HOST, "127.0.0.1"), true, Optional.of(Path.of("/usr/bin"))));
    }

    @Test
    void aContainerComesBeforeLocalBinariesWhichComeBeforeTheEmbeddedJar() {
        assertEquals(ServerSources.Postgres.CONTAINER,
                ServerSources.postgres(Map.of(), true, Optional.of(Path.of("/usr/bin"))));
        assertEquals(ServerSources.Postgres.LOCAL_BINARIES,
                ServerSources.postgres(Map.of(), false, Optional.of(Path.of("/usr/bin"))));
        assertEquals(ServerSources.Postgres.EMBEDDED_JAR, ServerSources.postgres(Map.of(), false, Optional.empty()));
    }

    @Test
    void containersAreUsedWhereDockerAnswersUnlessTurnedOffAndDockerIsNotAskedThen() {
        assertTrue(ServerSources.containersUsable(Map.of(), () -> true));
        assertFalse(ServerSources.containersUsable(Map.of(), () -> false));
        assertFalse(ServerSources.containersUsable(Map.of(ServerSources.TESTCONTAINERS, "false"), () -> {
            throw new AssertionError("Docker asked although containers are turned off");
        }));
        assertTrue(ServerSources.containersUsable(Map.of(ServerSources.TESTCONTAINERS, "true"), () -> true));
    }

    @Test
    void withoutAnySignOfDockerNobodyIsAsked(@TempDir Path home) {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/var/run/docker.sock")),
                "this machine has a Docker socket");
        assertFalse(ServerSources.dockerAnswers(Map.of(), home));
    }

    @Test
    void binariesAreFoundOnlyWhereInitdbAndPgCtlBothAre(@TempDir Path root) throws IOException {
        Path onlyInitdb = executable(root.resolve("a"), "initdb");
        Path both = executable(executable(root.resolve("b"), "initdb"), "pg_ctl");

        assertEquals(Optional.of(both), ServerSources.localPostgresBinaries(Map.of(), List.of(onlyInitdb, both)));
        assertEquals(Optional.empty(), ServerSources.localPostgresBinaries(Map.of(), List.of(onlyInitdb)));
        assertEquals(Optional.of(Path.of("/opt/pg/bin")), ServerSources.localPostgresBinaries(
                Map.of(ServerSources.POSTGRES_BIN, "/opt/pg/bin"), List.of(both)));
    }

    private static Path executable(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return dir;
    }
}
