package fr.ent.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL in containers, where a Docker engine answers (see {@link ServerSources}): the same versions
 * as the local stack's, stopped with the test resource.
 */
final class ContainerServers {

    /** The stack's Kafka (4.4.0, KRaft), as Apache publishes it. */
    static final String KAFKA_IMAGE = "apache/kafka:4.4.0";
    /** The stack's PostgreSQL major version. */
    static final String POSTGRES_IMAGE = "postgres:15-alpine";

    private ContainerServers() {
    }

    /** A broker in a container; close it to stop it. */
    static final class Kafka implements AutoCloseable {
        private final KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);

        Kafka start() {
            container.start();
            return this;
        }

        String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    /** PostgreSQL in a container, with a role that may create databases. */
    static final class Postgres implements PostgresServer {
        private final PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);

        Postgres start() {
            container.start();
            return this;
        }

        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(5432);
        }

        @Override
        public String user() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
