package fr.ent.content.switchover;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.space.ContentSchools;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.messaging.IncomingEvent;
import fr.ent.support.messaging.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Switchovers from {@code rollover.year-switched}: the retention matrix applied school by school, each school in its
 * own transaction and at most once, so that a crash midway resumes with the schools left when the event comes again.
 */
@ApplicationScoped
public class YearSwitchedConsumer {

    static final String CHANNEL = "year-switched";
    private static final Logger LOG = Logger.getLogger(YearSwitchedConsumer.class);

    private final RetentionEngine engine;
    private final ContentSchools schools;
    private final ObjectMapper json;

    public YearSwitchedConsumer(RetentionEngine engine, ContentSchools schools, ObjectMapper json) {
        this.engine = engine;
        this.schools = schools;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!EventTypes.ROLLOVER_YEAR_SWITCHED.equals(event.type())) {
            return;
        }
        YearSwitched switched = event.payloadAs(YearSwitched.class, json);
        try {
            if (!SchoolYear.parse(switched.fromYear()).next().equals(SchoolYear.parse(switched.toYear()))) {
                throw new MalformedEventException(event.origin() + ": year-switched goes from " + switched.fromYear()
                        + " to " + switched.toYear() + ", not to the next year");
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(event.origin() + ": " + e.getMessage(), e);
        }
        int applied = 0;
        int before = 0;
        for (String uai : schools.ofAcademy(switched.academyCode())) {
            if (engine.applyToSchool(switched, uai)) {
                applied++;
            } else {
                before++;
            }
        }
        LOG.infof("switchover %s of académie %s: applied to %d school(s), %d done before", switched.switchoverId(),
                switched.academyCode(), applied, before);
    }
}
