package fr.ent.identity.year;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.identity.IdentityEvents;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.identity.account.Accounts;
import fr.ent.identity.account.Kind;
import fr.ent.identity.onde.IdentitySchools;
import fr.ent.support.messaging.Inbox;
import fr.ent.support.messaging.Outbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A switchover changes no account (IDN-2: staff keep login and password; IDN-3: pupils keep theirs): each school of
 * the académie is acknowledged ({@code fr.ent.identity.year-switch-applied.v1}) with the pupils and parents whose
 * sheets for the new year are due. The same switchover again acknowledges nothing more.
 */
@ApplicationScoped
public class YearSwitchedConsumer {

    static final String CHANNEL = "year-switched";
    static final String CONSUMER = "identity-service." + CHANNEL;

    private final Inbox inbox;
    private final IdentitySchools schools;
    private final YearSwitches switches;
    private final Accounts accounts;
    private final Outbox outbox;

    public YearSwitchedConsumer(Inbox inbox, IdentitySchools schools, YearSwitches switches, Accounts accounts,
            Outbox outbox) {
        this.inbox = inbox;
        this.schools = schools;
        this.switches = switches;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, EventTypes.ROLLOVER_YEAR_SWITCHED, YearSwitched.class, this::apply);
    }

    private void apply(YearSwitched switched) {
        List<String> uais = schools.ofAcademy(switched.academyCode());
        Map<String, Map<Kind, Integer>> active = accounts.activeBySchool(uais);
        for (String uai : uais) {
            if (switches.firstTime(switched.switchoverId(), uai)) {
                Map<Kind, Integer> counts = active.getOrDefault(uai, Map.of());
                outbox.publish(Topics.IDENTITY_EVENTS, uai, EventTypes.IDENTITY_YEAR_SWITCH_APPLIED, uai,
                        new IdentityEvents.YearSwitchApplied(switched.switchoverId(), uai, switched.fromYear(),
                                switched.toYear(), counts.getOrDefault(Kind.PUPIL, 0),
                                counts.getOrDefault(Kind.PARENT, 0)));
            }
        }
    }
}
