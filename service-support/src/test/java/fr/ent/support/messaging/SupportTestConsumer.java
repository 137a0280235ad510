package fr.ent.support.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.support.jdbc.PendingWrites;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A consumer as the services write them, for service-support's own tests: a polled batch per transaction, event ids
 * through the inbox, writes pending until the commit. A payload "poison" throws; one longer than the column is
 * refused by the database at the commit.
 */
@ApplicationScoped
public class SupportTestConsumer {

    static final String CONSUMER = "service-support-test.support-in";

    private final BatchConsumer batches;
    private final Inbox inbox;
    private final PendingWrites writes;
    private final ObjectMapper json;

    public SupportTestConsumer(BatchConsumer batches, Inbox inbox, PendingWrites writes, ObjectMapper json) {
        this.batches = batches;
        this.inbox = inbox;
        this.writes = writes;
        this.json = json;
    }

    @Incoming("support-in")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batches.applyAll(batch, records -> inbox.firstDeliveries(CONSUMER, records).forEach(event -> {
            String value = event.payloadAs(String.class, json);
            if ("poison".equals(value)) {
                throw new IllegalArgumentException("a poisoned test event");
            }
            writes.add("INSERT INTO applied (event_id, value) VALUES (?, ?)", event.id(), value);
        }));
    }
}
