package fr.ent.classes.year;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.messaging.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Switchovers from {@code rollover.year-switched}; one that cannot be applied goes to the dead letters. */
@ApplicationScoped
public class YearSwitchedConsumer {

    static final String CHANNEL = "year-switched";
    static final String CONSUMER = "class-service." + CHANNEL;

    private final Inbox inbox;
    private final YearSwitch yearSwitch;

    public YearSwitchedConsumer(Inbox inbox, YearSwitch yearSwitch) {
        this.inbox = inbox;
        this.yearSwitch = yearSwitch;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, EventTypes.ROLLOVER_YEAR_SWITCHED, YearSwitched.class, yearSwitch::apply);
    }
}
