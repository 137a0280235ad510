package fr.ent.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.ent.contracts.CloudEventHeaders;
import fr.ent.testsupport.RealServersResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The inbox of a consumer that acts on one type of a topic: the others pass without a trace, redeliveries once. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class InboxTest {

    private static final String CONSUMER = "inbox-test";
    private static final String WANTED = "fr.ent.test.value.v1";

    @Inject
    Inbox inbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventOfAnotherTypeIsNeitherAppliedNorRecordedAndOneOfItsTypeIsAppliedOnce() throws Exception {
        UUID acknowledgement = UUID.randomUUID();
        UUID value = UUID.randomUUID();
        List<String> applied = new ArrayList<>();
        for (ConsumerRecord<String, String> record : List.of(record(acknowledgement, "fr.ent.test.applied.v1", "{}"),
                record(value, WANTED, "\"first\""), record(value, WANTED, "\"first\""))) {
            QuarkusTransaction.requiringNew().run(() -> inbox.applyOnce(CONSUMER, record, WANTED, String.class,
                    applied::add));
        }
        assertEquals(List.of("first"), applied, "applied once, the other type not at all");
        assertEquals(1, recorded(value), "the event applied is remembered");
        assertEquals(0, recorded(acknowledgement), "the event of another type leaves no row");
    }

    @Test
    void aRecordThatIsNotAnEventThrowsWhateverItsType() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("inbox-test", 0, 1, "K", "{}");
        record.headers().add(CloudEventHeaders.TYPE, "fr.ent.test.applied.v1".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedEventException.class, () -> QuarkusTransaction.requiringNew().run(() -> inbox.applyOnce(
                CONSUMER, record, WANTED, String.class, v -> {
                })));
    }

    private static ConsumerRecord<String, String> record(UUID id, String type, String payload) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("inbox-test", 0, 0, "K", payload);
        record.headers().add(CloudEventHeaders.ID, id.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private long recorded(UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?")) {
            query.setString(1, CONSUMER);
            query.setObject(2, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
