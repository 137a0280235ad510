package fr.ent.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.System.Logger.Level;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker, a fresh PostgreSQL database and a token signing key.
 * The servers come from {@link ServerSources}: named by the environment, or started in this JVM.
 */
public class RealServersResource implements QuarkusTestResourceLifecycleManager {

    private static final System.Logger LOG = System.getLogger(RealServersResource.class.getName());

    private AutoCloseable kafka;
    private PostgresServer postgres;
    private String database;

    @Override
    public Map<String, String> start() {
        Map<String, String> env = System.getenv();
        try {
            boolean containers = ServerSources.containersUsable(env,
                    () -> ServerSources.dockerAnswers(env, java.nio.file.Path.of(System.getProperty("user.home"))));
            String bootstrap = startKafka(env, containers);
            postgres = startPostgres(env, containers);
            String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            database = "test_" + runId;
            execute(postgres, "CREATE DATABASE " + database);
            KeyPair keys = TestTokens.newSigningKeys();

            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", bootstrap);
            // The in-JVM broker logs through the test's log manager: its warnings are enough.
            config.put("quarkus.log.category.\"kafka\".level", "WARN");
            config.put("quarkus.log.category.\"state.change.logger\".level", "WARN");
            config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
            // Topics and consumer groups of this run only, even on a broker shared with a running stack.
            config.put("ent.kafka.namespace", "test-" + runId + ".");
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            config.put("quarkus.datasource.username", postgres.user());
            if (!postgres.password().isEmpty()) {
                config.put("quarkus.datasource.password", postgres.password());
            }
            // Tokens are checked against this key alone: an empty server URL removes the configured Keycloak.
            config.put("quarkus.oidc.auth-server-url", "");
            config.put("quarkus.oidc.public-key", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
            LOG.log(Level.INFO, "test servers: Kafka {0}, PostgreSQL {1}", bootstrap, postgres.jdbcUrl(database));
            return config;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the test servers", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (postgres instanceof PostgresServer.Configured && database != null) {
                execute(postgres, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not drop test database " + database, e);
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not stop the test's Kafka", e);
            }
        }
    }

    private String startKafka(Map<String, String> env, boolean containers) throws Exception {
        ServerSources.Kafka source = ServerSources.kafka(env, containers);
        LOG.log(Level.INFO, "Kafka for the tests: {0} ({1})", source, switch (source) {
            case CONFIGURED -> ServerSources.KAFKA_BOOTSTRAP + " names it";
            case CONTAINER -> "a Docker engine answers: " + ContainerServers.KAFKA_IMAGE;
            case IN_JVM -> "no broker named, no Docker: a broker in this JVM";
        });
        return switch (source) {
            case CONFIGURED -> env.get(ServerSources.KAFKA_BOOTSTRAP);
            case CONTAINER -> {
                ContainerServers.Kafka container = new ContainerServers.Kafka().start();
                kafka = container;
                yield container.bootstrapServers();
            }
            case IN_JVM -> {
                InJvmKafka inJvm = InJvmKafka.start();
                kafka = inJvm;
                yield inJvm.bootstrapServers();
            }
        };
    }

    private static PostgresServer startPostgres(Map<String, String> env, boolean containers) throws Exception {
        Optional<java.nio.file.Path> binaries = ServerSources.localPostgresBinaries(env, ServerSources.USUAL_BIN_DIRS);
        ServerSources.Postgres source = ServerSources.postgres(env, containers, binaries);
        LOG.log(Level.INFO, "PostgreSQL for the tests: {0} ({1})", source, switch (source) {
            case CONFIGURED -> ServerSources.POSTGRES_HOST + " names it";
            case CONTAINER -> "a Docker engine answers: " + ContainerServers.POSTGRES_IMAGE;
            case LOCAL_BINARIES -> "the machine's binaries in " + binaries.orElseThrow();
            case EMBEDDED_JAR -> "no server named, no Docker, no binaries: binaries from a jar";
        });
        return switch (source) {
            case CONFIGURED -> new PostgresServer.Configured(env.get(ServerSources.POSTGRES_HOST),
                    Integer.parseInt(env.getOrDefault(ServerSources.POSTGRES_PORT, "5432")),
                    env.getOrDefault(ServerSources.POSTGRES_USER, "postgres"),
                    env.getOrDefault(ServerSources.POSTGRES_PASSWORD, ""));
            case CONTAINER -> new ContainerServers.Postgres().start();
            case LOCAL_BINARIES -> LocalPostgres.start(binaries.orElseThrow());
            case EMBEDDED_JAR -> EmbeddedJarPostgres.start();
        };
    }

    private static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
