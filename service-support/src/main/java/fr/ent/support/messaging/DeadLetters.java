package fr.ent.support.messaging;

import fr.ent.contracts.CloudEventHeaders;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads this service's dead-letter topics and replays their records to the topics they came from. The topics are
 * those of the service's own channels ({@code mp.messaging.incoming.<channel>.dead-letter-queue.topic}): no other
 * topic can be read through here.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Pattern DLQ_PROPERTY = Pattern.compile("mp\\.messaging\\.incoming\\.(.+)\\.dead-letter-queue\\.topic");
    private static final String DEAD_LETTER_HEADER_PREFIX = "dead-letter-";
    private static final int MAX_VALUE_CHARS = 4096;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Config config;
    private final AgroalDataSource dataSource;
    private final String bootstrapServers;

    public DeadLetters(Config config, AgroalDataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
    }

    public List<DeadLetterTopic> topics() {
        List<DeadLetterTopic> topics = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            for (String name : config.getPropertyNames()) {
                Matcher matcher = DLQ_PROPERTY.matcher(name);
                if (matcher.matches()) {
                    String channel = matcher.group(1);
                    String dlq = config.getValue(name, String.class);
                    String topic = config.getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class)
                            .orElse(channel);
                    topics.add(new DeadLetterTopic(channel, topic, dlq, count(consumer, dlq)));
                }
            }
        }
        return topics;
    }

    public Optional<DeadLetterTopic> topic(String deadLetterTopic) {
        return topics().stream().filter(t -> t.deadLetterTopic().equals(deadLetterTopic)).findFirst();
    }

    /** The dead letters of a topic, oldest first, at most {@code limit}. */
    public List<DeadLetter> list(DeadLetterTopic topic, int limit) {
        Map<String, Replay> replays = replays(topic.deadLetterTopic());
        return read(topic.deadLetterTopic(), limit).stream()
                .map(record -> toDeadLetter(record, replays.get(record.partition() + "@" + record.offset())))
                .toList();
    }

    /**
     * Sends dead letters back to the topics they came from, with their key, value and event headers, and records
     * who replayed them. {@code only} selects one record ("partition@offset"); otherwise every record not yet
     * replayed goes. A record already replayed goes again only with {@code force}: each replay is claimed in the
     * database before it is sent, so two operators replaying at once never send one record twice. Returns how many
     * were replayed.
     *
     * @throws AlreadyReplayedException when the one record asked for was replayed before and {@code force} is false
     */
    public int replay(DeadLetterTopic topic, Optional<String> only, String operator, boolean force) {
        String dlq = topic.deadLetterTopic();
        Map<String, Replay> replays = replays(dlq);
        List<ConsumerRecord<String, String>> records = read(dlq, Integer.MAX_VALUE).stream()
                .filter(r -> only.map(id -> id.equals(r.partition() + "@" + r.offset()))
                        .orElse(!replays.containsKey(r.partition() + "@" + r.offset())))
                .toList();
        int replayed = 0;
        try (KafkaProducer<String, String> producer = records.isEmpty() ? null : producer()) {
            for (ConsumerRecord<String, String> record : records) {
                if (!claim(dlq, record, operator, force)) {
                    if (only.isPresent()) {
                        Replay before = replays(dlq).get(only.get());
                        throw new AlreadyReplayedException(String.format("%s/%s was replayed%s; replay it again "
                                + "with force=true", dlq, only.get(), before == null ? ""
                                : " at " + before.at() + " by " + before.by()));
                    }
                    continue; // replayed meanwhile by someone else
                }
                String target = Optional.ofNullable(text(record, "dead-letter-topic")).orElse(topic.topic());
                try {
                    producer.send(new ProducerRecord<>(target, null, record.key(), record.value(), eventHeaders(record)))
                            .get();
                } catch (Exception e) {
                    unclaim(dlq, record); // not sent: it stays to be replayed
                    throw e;
                }
                replayed++;
                LOG.infof("dead letter %s/%d@%d (event %s) replayed to %s by %s%s", dlq, record.partition(),
                        record.offset(), text(record, CloudEventHeaders.ID), target, operator, force ? " (forced)" : "");
            }
        } catch (AlreadyReplayedException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not replay dead letters of " + dlq, e);
        }
        return replayed;
    }

    /** A replay of one record that was replayed before, asked without {@code force}. */
    public static class AlreadyReplayedException extends fr.ent.support.rest.ProblemException {
        AlreadyReplayedException(String message) {
            super(409, "force", message);
        }
    }

    private List<ConsumerRecord<String, String>> read(String topic, int limit) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (records.size() < limit && !reachedEnd(consumer, end) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort((a, b) -> a.timestamp() != b.timestamp() ? Long.compare(a.timestamp(), b.timestamp())
                : a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records.size() > limit ? records.subList(0, limit) : records;
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static long count(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        return consumer.endOffsets(partitions).entrySet().stream()
                .mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(5));
        return topics.getOrDefault(topic, List.of()).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private DeadLetter toDeadLetter(ConsumerRecord<String, String> record, Replay replay) {
        String value = record.value();
        boolean truncated = value != null && value.length() > MAX_VALUE_CHARS;
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), text(record, CloudEventHeaders.ID), text(record, CloudEventHeaders.TYPE),
                text(record, "dead-letter-topic"), integer(text(record, "dead-letter-partition")),
                longValue(text(record, "dead-letter-offset")), text(record, "dead-letter-reason"),
                text(record, "dead-letter-cause"), truncated ? value.substring(0, MAX_VALUE_CHARS) : value, truncated,
                replay == null ? null : replay.at(), replay == null ? null : replay.by());
    }

    private static RecordHeaders eventHeaders(ConsumerRecord<String, String> record) {
        RecordHeaders headers = new RecordHeaders();
        StreamSupport.stream(record.headers().spliterator(), false)
                .filter(h -> !h.key().startsWith(DEAD_LETTER_HEADER_PREFIX))
                .forEach(headers::add);
        return headers;
    }

    private record Replay(Instant at, String by) {
    }

    private Map<String, Replay> replays(String dlqTopic) {
        Map<String, Replay> replays = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT dlq_partition, dlq_offset, replayed_at, "
                        + "replayed_by FROM dead_letter_replay WHERE dlq_topic = ?")) {
            query.setString(1, dlqTopic);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    replays.put(rows.getInt(1) + "@" + rows.getLong(2),
                            new Replay(rows.getTimestamp(3).toInstant(), rows.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the replays of " + dlqTopic, e);
        }
        return replays;
    }

    /** Records the replay; false when it was replayed before and this one is not forced. */
    private boolean claim(String dlqTopic, ConsumerRecord<String, String> record, String operator, boolean force)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO dead_letter_replay "
                        + "(dlq_topic, dlq_partition, dlq_offset, replayed_at, replayed_by) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (dlq_topic, dlq_partition, dlq_offset) " + (force
                                ? "DO UPDATE SET replayed_at = EXCLUDED.replayed_at, replayed_by = EXCLUDED.replayed_by"
                                : "DO NOTHING"))) {
            insert.setString(1, dlqTopic);
            insert.setInt(2, record.partition());
            insert.setLong(3, record.offset());
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.setString(5, operator);
            return insert.executeUpdate() == 1;
        }
    }

    private void unclaim(String dlqTopic, ConsumerRecord<String, String> record) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM dead_letter_replay "
                        + "WHERE dlq_topic = ? AND dlq_partition = ? AND dlq_offset = ?")) {
            delete.setString(1, dlqTopic);
            delete.setInt(2, record.partition());
            delete.setLong(3, record.offset());
            delete.executeUpdate();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header value = record.headers().lastHeader(header);
        return value == null || value.value() == null ? null : new String(value.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    private static Long longValue(String text) {
        return text == null ? null : Long.valueOf(text);
    }
}
