package fr.ent.onde.academy;

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

    public YearSwitchedConsumer(Inbox inbox, AcademyYears years) {
        this.inbox = inbox;
        this.years = years;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, EventTypes.ROLLOVER_YEAR_SWITCHED, YearSwitched.class, years::apply);
    }
}
