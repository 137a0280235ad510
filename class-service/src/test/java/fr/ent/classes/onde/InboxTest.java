package fr.ent.classes.onde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.support.messaging.Inbox;
import fr.ent.testsupport.RealServersResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealServersResource.class)
class InboxTest {

    @Inject
    Inbox inbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventIdIsNewOnceThenKnown() {
        UUID id = UUID.randomUUID();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("test", id)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("test", id)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("another-consumer", id)));
    }

    @Test
    void idsOlderThanTheRetentionAreForgotten() throws Exception {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            inbox.firstDelivery("purge-test", old);
            inbox.firstDelivery("purge-test", recent);
        });
        execute("UPDATE processed_event SET processed_at = now() - interval '31 days' WHERE event_id = '" + old + "'");

        inbox.purgeExpired();

        assertEquals(1, count("SELECT count(*) FROM processed_event WHERE consumer = 'purge-test'"));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("purge-test", old)));
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
