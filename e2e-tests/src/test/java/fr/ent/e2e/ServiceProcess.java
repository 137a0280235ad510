package fr.ent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service started from its built jar as a child process, on free ports, with the settings given (its own
 * database, a Kafka namespace): what a crash test kills with -9 and starts again.
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final String module;
    private final Path jar;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private final int managementPort;
    private Process process;
    private int starts;

    /** The heap option given, e.g. {@code -Xmx384m}: it replaces the stack's. */
    private final String heap;

    ServiceProcess(String name, String module, Map<String, String> env, Path logDir) {
        this(name, module, env, logDir, "-Xmx384m");
    }

    /** @param heap the JVM's heap option, e.g. {@code -Xmx512m} */
    ServiceProcess(String name, String module, Map<String, String> env, Path logDir, String heap) {
        this.heap = heap;
        this.name = name;
        this.module = module;
        this.jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + module + " first (./mvnw install)");
        }
        this.env = env;
        this.log = logDir.resolve(name + ".log");
        this.port = freePort();
        this.managementPort = freePort();
    }

    /**
     * The JVM options the local stack starts a service with ({@code stack/service-jvm.options}: its line, else "*"),
     * heap included.
     */
    static List<String> stackOptions(String module) {
        List<String> fallback = null;
        try {
            for (String line : Files.readAllLines(Path.of("..", "stack", "service-jvm.options"))) {
                String[] words = line.strip().split("\\s+");
                if (line.isBlank() || words[0].startsWith("#")) {
                    continue;
                }
                List<String> options = List.of(words).subList(1, words.length);
                if (words[0].equals(module)) {
                    return options;
                }
                if (words[0].equals("*")) {
                    fallback = options;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read stack/service-jvm.options", e);
        }
        if (fallback == null) {
            throw new IllegalStateException("stack/service-jvm.options has no line for " + module + " and no \"*\" line");
        }
        return fallback;
    }

    /** A service as the local stack runs it: every JVM option of stack/service-jvm.options, its heap included. */
    static ServiceProcess asInTheStack(String module, Map<String, String> env, Path logDir) {
        return new ServiceProcess(module, module, env, logDir, stackHeap(module));
    }

    /** The heap option the local stack gives a service. */
    static String stackHeap(String module) {
        return stackOptions(module).stream().filter(option -> option.startsWith("-Xmx")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no -Xmx for " + module + " in stack/service-jvm.options"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** On the management interface: health, metrics. */
    String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** Starts the process and waits until it says it is ready. */
    ServiceProcess start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        stackOptions(module).stream().map(option -> option.startsWith("-Xmx") ? heap : option).forEach(command::add);
        // To try other options on one service or all, e.g. -Dbench.jvm-options.class-service=-XX:-TieredCompilation
        String extra = System.getProperty("bench.jvm-options." + name, System.getProperty("bench.jvm-options", "")).trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        starts++;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become ready (start " + starts + "); its log: " + log);
            }
            sleep(200);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as in a crash. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.printf("killed %s with -9 (pid %d)%n", name, process.pid());
    }

    private boolean ready() {
        try {
            return Stack.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build()).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ports given to processes of this test JVM, never given twice. */
    private static final java.util.Set<Integer> GIVEN = new java.util.HashSet<>();
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 31_999;

    /**
     * A port nothing listens on, below the kernel's ephemeral range (32768 and up on Linux): a port the kernel hands
     * out (what {@code new ServerSocket(0)} did) can be taken meanwhile as the local port of any outgoing connection
     * — a Kafka or JDBC client — before the service binds it, which failed a test with "address already in use".
     * Never the same port twice in this JVM, as several services start at once.
     */
    private static synchronized int freePort() {
        int span = LAST_PORT - FIRST_PORT + 1;
        int start = java.util.concurrent.ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int candidate = FIRST_PORT + (start + i) % span;
            if (GIVEN.contains(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", candidate));
            } catch (IOException e) {
                continue; // in use
            }
            GIVEN.add(candidate);
            return candidate;
        }
        throw new IllegalStateException("no free port from " + FIRST_PORT + " to " + LAST_PORT);
    }
}
