package fr.ent.support.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Idempotent consumers: which events a consumer already applied, recorded in the same transaction as the effect. */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) "
            + "ON CONFLICT DO NOTHING";

    private final AgroalDataSource dataSource;

    public Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
}
