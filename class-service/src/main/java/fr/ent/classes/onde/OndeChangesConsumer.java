package fr.ent.classes.onde;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.classes.school.SchoolChanges;
import fr.ent.support.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies {@code onde.changes} to class-service's structures, one record at a time and in order per school. The
 * effect and the record of the event id commit together, so a redelivered event changes nothing; a record that
 * throws goes to the dead-letter topic with the reason, and the next one is applied.
 */
@ApplicationScoped
public class OndeChangesConsumer {

    static final String CHANNEL = "onde-changes";
    static final String CONSUMER = "class-service." + CHANNEL;
    private static final Logger LOG = Logger.getLogger(OndeChangesConsumer.class);

    private final Inbox inbox;
    private final SchoolChanges schools;
    private final ObjectMapper json;

    public OndeChangesConsumer(Inbox inbox, SchoolChanges schools, ObjectMapper json) {
        this.inbox = inbox;
        this.schools = schools;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.firstDelivery(CONSUMER, record).ifPresent(event -> {
            switch (event.type()) {
                case EventTypes.ONDE_SCHOOL_UPSERTED -> schools.upsert(event.payloadAs(SchoolUpserted.class, json));
                default -> LOG.debugf("event type %s is not for class-service (%s)", event.type(), event.origin());
            }
        });
    }
}
