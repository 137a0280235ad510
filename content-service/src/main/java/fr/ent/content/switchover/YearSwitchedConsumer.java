package fr.ent.content.switchover;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.config.ContentConfig;
import fr.ent.content.space.ContentSchools;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.messaging.IncomingEvent;
import fr.ent.support.messaging.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Switchovers from {@code rollover.year-switched}: the retention matrix applied school by school
 * ({@code ent.content.switchover-workers} at once), each school in its own transaction and at most once, so that a crash midway resumes with the schools left when the event comes again.
 */
@ApplicationScoped
public class YearSwitchedConsumer {

    static final String CHANNEL = "year-switched";
    private static final Logger LOG = Logger.getLogger(YearSwitchedConsumer.class);

    private final RetentionEngine engine;
    private final ContentSchools schools;
    private final ObjectMapper json;
    private final ContentConfig config;

    public YearSwitchedConsumer(RetentionEngine engine, ContentSchools schools, ObjectMapper json, ContentConfig config) {
        this.engine = engine;
        this.schools = schools;
        this.json = json;
        this.config = config;
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
        List<String> academy = schools.ofAcademy(switched.academyCode());
        int workers = Math.max(1, Math.min(config.switchoverWorkers(), academy.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        int applied = 0;
        int before = 0;
        RuntimeException failed = null;
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (String uai : academy) {
                results.add(pool.submit(() -> engine.applyToSchool(switched, uai)));
            }
            // Every school is tried; one that fails leaves the others done, and the event goes to the dead letters to
            // be replayed once the cause is fixed (the schools done are not done again).
            for (int i = 0; i < results.size(); i++) {
                try {
                    if (results.get(i).get()) {
                        applied++;
                    } else {
                        before++;
                    }
                } catch (ExecutionException e) {
                    LOG.errorf(e.getCause(), "switchover %s: school %s failed", switched.switchoverId(), academy.get(i));
                    if (failed == null) {
                        failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying switchover " + switched.switchoverId(), e);
        } finally {
            pool.shutdownNow();
        }
        if (failed != null) {
            throw failed;
        }
        LOG.infof("switchover %s of académie %s: applied to %d school(s), %d done before", switched.switchoverId(),
                switched.academyCode(), applied, before);
    }
}
