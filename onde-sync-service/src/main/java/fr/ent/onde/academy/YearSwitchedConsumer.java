package fr.ent.onde.academy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Advances the académie's current school year on each switchover, once per event. */
@ApplicationScoped
public class YearSwitchedConsumer {

    static final String CHANNEL = "year-switched";
    static final String CONSUMER = "onde-sync-service." + CHANNEL;

    private final Inbox inbox;
    private final AcademyYears years;
    private final ObjectMapper json;

    public YearSwitchedConsumer(Inbox inbox, AcademyYears years, ObjectMapper json) {
        this.inbox = inbox;
        this.years = years;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.firstDelivery(CONSUMER, record)
                .filter(event -> EventTypes.ROLLOVER_YEAR_SWITCHED.equals(event.type()))
                .ifPresent(event -> years.apply(event.payloadAs(YearSwitched.class, json)));
    }
}
