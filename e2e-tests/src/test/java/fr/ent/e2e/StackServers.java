package fr.ent.e2e;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import fr.ent.contracts.CloudEventHeaders;
import java.util.List;
import java.util.UUID;

/**
 * The stack's Kafka and PostgreSQL as tests that start their own service processes use them: databases of their
 * own, a topic namespace of their own, and a plain consumer to read what the services published.
 */
final class StackServers {

    private StackServers() {
    }

    /** The environment of a service process on its own database and Kafka namespace, with the stack's Keycloak. */
    static Map<String, String> serviceEnv(String database, String namespace, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", Stack.env("ENT_POSTGRES_USER"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", Stack.env("ENT_KAFKA_BOOTSTRAP_SERVERS"));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", Stack.env("ENT_KEYCLOAK_URL") + "/realms/ent");
        env.put("ENT_KAFKA_NAMESPACE", namespace);
        return env;
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Stack.env("ENT_POSTGRES_HOST") + ":" + Stack.env("ENT_POSTGRES_PORT") + "/" + database;
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), Stack.env("ENT_POSTGRES_USER"), "");
    }

    /** The first column of the first row of a query, a count. */
    static long count(String database, String sql) {
        return Long.parseLong(text(database, sql));
    }

    /** The first column of the first row of a query, as text. */
    static String text(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A consumer of the stack's broker that commits nothing: the caller assigns and seeks. */
    static KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.env("ENT_KAFKA_BOOTSTRAP_SERVERS"));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    /** Publishes events on the stack's broker as a service of the suite would (CloudEvents headers), and waits. */
    static void publish(String topic, String source, List<String[]> keyTypePayload) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.env("ENT_KAFKA_BOOTSTRAP_SERVERS"));
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            for (String[] event : keyTypePayload) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, event[0], event[2]);
                header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
                header(record, CloudEventHeaders.TYPE, event[1]);
                header(record, CloudEventHeaders.SOURCE, source);
                header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
                producer.send(record).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish on " + topic, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
