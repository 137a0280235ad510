package fr.ent.support.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Idempotent consumers: which events a consumer already applied, recorded in the same transaction as the effect. */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private static final String RECORD = "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) "
            + "ON CONFLICT DO NOTHING";

    private final AgroalDataSource dataSource;
    private final Duration retention;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final TransactionSynchronizationRegistry transactions;

    /**
     * @param retention how long applied event ids are remembered ({@code ent.inbox.retention}); longer than any
     *     redelivery can come late, i.e. than the topics' retention (Kafka's default: 7 days)
     */
    public Inbox(AgroalDataSource dataSource,
            @ConfigProperty(name = "ent.inbox.retention", defaultValue = "30d") Duration retention, ObjectMapper json,
            MeterRegistry metrics, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.json = json;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    /**
     * Business metrics, counted once the transaction that applied the events commits: {@code ent_events_applied_total}
     * and {@code ent_events_skipped_total} (redeliveries), per consumer.
     */
    private void count(String consumer, int applied, int skipped) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    metrics.counter("ent.events.applied", "consumer", consumer).increment(applied);
                    metrics.counter("ent.events.skipped", "consumer", consumer).increment(skipped);
                }
            }
        });
    }

    /**
     * A consumer of one event type: the record's payload, read as {@code payloadType}, is given to {@code action} the
     * first time the consumer sees the event; a redelivery is recorded and skipped, an event of another type is
     * skipped without a trace (see {@link #firstDelivery(String, ConsumerRecord, Set)}). A record that is not an
     * event, or whose payload does not read, throws (and goes to the dead letters).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void applyOnce(String consumer, ConsumerRecord<String, String> record, String type, Class<T> payloadType,
            java.util.function.Consumer<T> action) {
        firstDelivery(consumer, record, Set.of(type)).ifPresent(event -> action.accept(event.payloadAs(payloadType, json)));
    }

    /**
     * {@link #firstDelivery(String, ConsumerRecord)} for a consumer that acts on some types of a topic only: an event
     * of another type changes nothing for it and is neither recorded nor counted — the transaction writes nothing
     * (class-service's acknowledgements, one per school and import, each cost content-service and identity-service an
     * inbox row and a commit). It is still read as an event: a record that is not one throws.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<IncomingEvent> firstDelivery(String consumer, ConsumerRecord<String, String> record,
            Set<String> types) {
        IncomingEvent event = IncomingEvent.from(record);
        return types.contains(event.type()) ? firstDelivery(consumer, event) : Optional.empty();
    }

    /**
     * Reads a consumed record as an event and records it for the consumer: the event the first time, empty for a
     * redelivery (whose effect is already applied). A record that is not an event throws
     * {@link MalformedEventException}, which sends it to the dead letters.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<IncomingEvent> firstDelivery(String consumer, ConsumerRecord<String, String> record) {
        return firstDelivery(consumer, IncomingEvent.from(record));
    }

    private Optional<IncomingEvent> firstDelivery(String consumer, IncomingEvent event) {
        if (firstDelivery(consumer, event.id())) {
            count(consumer, 1, 0);
            return Optional.of(event);
        }
        count(consumer, 0, 1);
        LOG.debugf("event %s (%s) already applied by %s, skipped", event.id(), event.origin(), consumer);
        return Optional.empty();
    }

    /**
     * The events of a polled batch that the consumer sees for the first time, in order, recorded in one statement:
     * a redelivery, or the second copy of an event within the batch, is left out. A record that is not an event
     * throws {@link MalformedEventException} (the batch is then applied record by record).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IncomingEvent> firstDeliveries(String consumer, List<ConsumerRecord<String, String>> records) {
        java.util.LinkedHashMap<UUID, IncomingEvent> events = new java.util.LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            IncomingEvent event = IncomingEvent.from(record);
            events.putIfAbsent(event.id(), event);
        }
        if (events.isEmpty()) {
            return List.of();
        }
        java.util.Set<UUID> first = new java.util.HashSet<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id) SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING "
                        + "RETURNING event_id")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("uuid", events.keySet().toArray()));
            try (java.sql.ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    first.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + events.size() + " events for " + consumer, e);
        }
        count(consumer, first.size(), records.size() - first.size());
        if (first.size() < events.size()) {
            LOG.debugf("%d events already applied by %s, skipped", events.size() - first.size(), consumer);
        }
        return events.values().stream().filter(e -> first.contains(e.id())).toList();
    }

    /** True the first time a consumer sees an event id; false for a redelivery, whose effect is already applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record event " + eventId + " for " + consumer, e);
        }
    }

    /** Forgets the event ids applied longer ago than the retention; returns how many. */
    public int purgeExpired() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM processed_event WHERE processed_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(retention)));
            return delete.executeUpdate();
        }
    }
}
