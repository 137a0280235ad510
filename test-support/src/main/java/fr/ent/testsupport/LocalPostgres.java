package fr.ent.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster made with the machine's own binaries ({@code initdb}, {@code pg_ctl}), trust
 * authentication on loopback, deleted on close. PostgreSQL refuses to run as root, so as root the binaries run
 * as the {@code postgres} system user.
 */
final class LocalPostgres implements PostgresServer {

    private static final String USER = "app";

    private final Path binaries;
    private final Path dataDir;
    private final int port;

    private LocalPostgres(Path binaries, Path dataDir, int port) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
    }

    static LocalPostgres start(Path binaries) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("ent-test-pg-");
        LocalPostgres server = new LocalPostgres(binaries, dataDir, FreePorts.next());
        if (runningAsRoot()) {
            UserPrincipalLookupService users = dataDir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dataDir, users.lookupPrincipalByName("postgres"));
        }
        server.run(List.of("initdb", "-D", dataDir.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--no-sync"));
        server.run(List.of("pg_ctl", "-D", dataDir.toString(), "-w", "-l", dataDir.resolve("server.log").toString(),
                "-o", "-h 127.0.0.1 -p " + server.port + " -k " + dataDir + " -c fsync=off", "start"));
        return server;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public void close() {
        try {
            run(List.of("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
            DirectoryTrees.delete(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the test PostgreSQL in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add(binaries.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        Path output = Files.createTempFile("ent-test-pg-cmd-", ".log");
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        String log = Files.readString(output);
        Files.deleteIfExists(output);
        if (!finished || process.exitValue() != 0) {
            process.destroy();
            throw new IOException(String.join(" ", full) + " failed:\n" + log);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
