package fr.ent.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void aConfiguredBrokerIsUsedAsIs() {
        assertEquals(ServerSources.Kafka.CONFIGURED,
                ServerSources.kafka(Map.of(ServerSources.KAFKA_BOOTSTRAP, "127.0.0.1:19092")));
    }

    @Test
    void withoutConfigurationTheBrokerStartsInTheJvm() {
        assertEquals(ServerSources.Kafka.IN_JVM, ServerSources.kafka(Map.of()));
        assertEquals(ServerSources.Kafka.IN_JVM, ServerSources.kafka(Map.of(ServerSources.KAFKA_BOOTSTRAP, " ")));
    }

    @Test
    void aConfiguredPostgresWinsOverLocalBinaries() {
        assertEquals(ServerSources.Postgres.CONFIGURED, ServerSources.postgres(
                Map.of(ServerSources.POSTGRES_HOST, "127.0.0.1"), Optional.of(Path.of("/usr/bin"))));
    }

    @Test
    void localBinariesComeBeforeTheEmbeddedJar() {
        assertEquals(ServerSources.Postgres.LOCAL_BINARIES,
                ServerSources.postgres(Map.of(), Optional.of(Path.of("/usr/bin"))));
        assertEquals(ServerSources.Postgres.EMBEDDED_JAR, ServerSources.postgres(Map.of(), Optional.empty()));
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
