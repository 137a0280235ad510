package fr.ent.support.messaging;

import fr.ent.support.jdbc.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the caller's database transaction; {@link OutboxRelay} publishes it once that transaction
 * has committed. Never send to Kafka inside a database transaction and hope.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox_event "
            + "(id, aggregatetype, aggregateid, type, subject, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * @param topic the logical topic (see {@code Topics}); the relay adds the namespace
     * @param key the record key, which orders events: the school UAI for ONDE changes
     * @param type the versioned CloudEvents type
     * @param subject the entity the event is about ({@code ce_subject})
     * @return the event id ({@code ce_id}), which consumers deduplicate on
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, String type, String subject, Object payload) {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, type);
            insert.setString(5, subject);
            insert.setString(6, json.writeValueAsString(payload));
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return id;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not record event " + type + " for " + key + " in the outbox", e);
        }
    }

    /**
     * Records many events at once from a query of the caller's tables, in the query's order — for a bulk change such
     * as an ONDE import, where one INSERT … SELECT beats thousands of single inserts.
     *
     * @param query returns, in publishing order, the columns topic, key, type, subject, payload (JSON text)
     * @return how many events were recorded
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int publishAll(String query, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, subject, payload, occurred_at) "
                        + "SELECT gen_random_uuid(), e.*, now() FROM (" + query + ") AS e")) {
            Sql.bind(connection, insert, parameters);
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record events in the outbox", e);
        }
    }
}
