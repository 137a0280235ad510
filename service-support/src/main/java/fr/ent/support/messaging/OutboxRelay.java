package fr.ent.support.messaging;

import fr.ent.contracts.CloudEventHeaders;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them sent once the broker acknowledged them.
 * One relay per database publishes at a time (a transaction-scoped advisory lock), so that several instances of a
 * service neither publish a row twice concurrently nor reorder the events of one key. A failure rolls the round
 * back: rows stay pending and go out in the next round (at least once; consumers deduplicate on {@code ce_id}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('ent.outbox.relay'))";
    private static final String PENDING = "SELECT seq, id, aggregatetype, aggregateid, type, subject, payload, occurred_at "
            + "FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?";
    // A join on the primary key, so that marking a batch never scans the table, however large it grew.
    private static final String MARK_SENT = "UPDATE outbox_event o SET sent_at = now() "
            + "FROM unnest(?::bigint[]) AS batch(seq) WHERE o.seq = batch.seq";
    private static final String PURGE = "DELETE FROM outbox_event WHERE sent_at < ?";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final long PENDING_TTL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final AgroalDataSource dataSource;
    private final Inbox inbox;
    private final OutboxConfig config;
    private final KafkaNamespace namespace;
    private final String bootstrapServers;
    private final String source;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean paused = new AtomicBoolean();
    /** The gauge's last count, and when it was made (long enough ago at start that the first read counts). */
    private volatile double pending;
    private volatile long pendingAt = System.nanoTime() - PENDING_TTL_NANOS;
    /** Only the relay thread reads and writes it. */
    private Instant nextHousekeeping = Instant.now();
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(AgroalDataSource dataSource, Inbox inbox, OutboxConfig config, KafkaNamespace namespace,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.config = config;
        this.namespace = namespace;
        this.bootstrapServers = bootstrapServers;
        this.source = "/ent/" + applicationName;
        this.published = metrics.counter("ent.outbox.published");
        this.failures = metrics.counter("ent.outbox.relay.failures");
        // Rows waiting for the broker, read at each scrape: a relay that falls behind shows here before consumers wait.
        io.micrometer.core.instrument.Gauge.builder("ent.outbox.pending", this, OutboxRelay::pendingGauge)
                .description("outbox rows committed and not yet acknowledged by the broker").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled (ent.outbox.relay-enabled=false)");
            return;
        }
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(TimeUnit.SECONDS.toMillis(10));
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Holds publishing (rows keep accumulating); for operators during maintenance, and for tests. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    /**
     * The gauge's value, counted again at most every {@link #PENDING_TTL_NANOS}: a count over a large backlog takes
     * milliseconds of the database, and a scraper polling several times a second (P1 reads the metrics every 250 ms
     * for the heap) made 465 counts in one run, 3.3 s of PostgreSQL.
     */
    double pendingGauge() {
        long now = System.nanoTime();
        if (now - pendingAt >= PENDING_TTL_NANOS) {
            try {
                pending = pendingCount();
            } catch (IllegalStateException e) {
                pending = Double.NaN;
            }
            pendingAt = now;
        }
        return pending;
    }

    /** Rows committed and not yet acknowledged by the broker. */
    public long pendingCount() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count pending outbox rows", e);
        }
    }

    private void loop() {
        Duration backoff = config.pollInterval();
        try (OutboxWakeUp wakeUp = new OutboxWakeUp(dataSource)) {
            while (running) {
                backoff = round(wakeUp, backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Publishes, does the housekeeping when due (sent outbox rows, old inbox ids), then waits for committed events;
     * returns the back-off for the next failure.
     */
    private Duration round(OutboxWakeUp wakeUp, Duration backoff) throws InterruptedException {
        try {
            int sent = paused.get() ? 0 : relayOnce();
            if (Instant.now().isAfter(nextHousekeeping)) {
                purgeSentRows();
                inbox.purgeExpired();
                nextHousekeeping = Instant.now().plus(config.purgeInterval());
            }
            if (sent < config.batchSize()) {
                wakeUp.await(config.pollInterval());
            }
            return config.pollInterval();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failures.increment();
            LOG.errorf(e, "outbox relay round failed; pending rows stay pending, retrying in %s", backoff);
            Thread.sleep(backoff.toMillis());
            return min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    /** One round, safe beside the relay thread and other instances: lock, read a batch, publish it, wait for the
     * broker, mark it sent, commit. Returns how many rows it published. */
    public int relayOnce() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sent = lockedRound(connection);
                connection.commit();
                published.increment(sent);
                return sent;
            } catch (SQLException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int lockedRound(Connection connection)
            throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        try (Statement settings = connection.createStatement()) {
            // Marking rows sent need not wait for the disk: a mark lost in a crash only publishes the rows
            // again, which consumers skip by their ce_id.
            settings.execute("SET LOCAL synchronous_commit = off");
        }
        try (Statement lock = connection.createStatement(); ResultSet acquired = lock.executeQuery(LOCK)) {
            acquired.next();
            if (!acquired.getBoolean(1)) {
                return 0; // another instance is publishing
            }
        }
        List<Long> seqs = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement pending = connection.prepareStatement(PENDING)) {
            pending.setInt(1, config.batchSize());
            try (ResultSet rows = pending.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong("seq"));
                    acks.add(producer.send(toRecord(rows)));
                }
            }
        }
        if (seqs.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        try (PreparedStatement mark = connection.prepareStatement(MARK_SENT)) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            mark.setArray(1, array);
            mark.executeUpdate();
        }
        return seqs.size();
    }

    /**
     * The payload goes out as the bytes PostgreSQL sent (a text column comes in UTF-8). Decoding it to a String and
     * encoding it again allocated 250 MB while onde-sync-service published a whole académie (ImportBenchmark, JFR).
     */
    private ProducerRecord<String, byte[]> toRecord(ResultSet row) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.ID, row.getString("id"));
        header(headers, CloudEventHeaders.TYPE, row.getString("type"));
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.TIME, row.getTimestamp("occurred_at").toInstant().toString());
        if (row.getString("subject") != null) {
            header(headers, CloudEventHeaders.SUBJECT, row.getString("subject"));
        }
        header(headers, "content-type", "application/json");
        return new ProducerRecord<>(namespace.topic(row.getString("aggregatetype")), null,
                row.getString("aggregateid"), row.getBytes("payload"), headers);
    }

    /** Deletes the rows sent longer ago than the retention; returns how many. */
    public int purgeSentRows() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setTimestamp(1, Timestamp.from(Instant.now().minus(config.retention())));
            int purged = purge.executeUpdate();
            if (purged > 0) {
                LOG.infof("purged %d sent outbox rows older than %s", purged, config.retention());
            }
            return purged;
        }
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, source.substring(5) + "-outbox-relay");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // Idempotence keeps the order of one partition's records even when the producer retries.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return properties;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

}
