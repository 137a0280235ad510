package fr.ent.rollover.switchover;

import fr.ent.rollover.notification.Reminders;
import fr.ent.rollover.config.RolloverConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reminds teachers before scheduled switchovers ({@link Reminders}) and starts them when their time comes, checked every {@code ent.rollover.poll-every}; at start-up too,
 * so that one whose time came while the service was down starts as soon as it is back.
 */
@ApplicationScoped
public class SwitchoverScheduler {

    private static final Logger LOG = Logger.getLogger(SwitchoverScheduler.class);

    private final SwitchoverService service;
    private final Reminders reminders;
    private final RolloverConfig config;
    private ScheduledExecutorService scheduler;

    public SwitchoverScheduler(SwitchoverService service, Reminders reminders, RolloverConfig config) {
        this.service = service;
        this.reminders = reminders;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "rollover-scheduler"));
        long every = config.pollEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::run, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    private void run() {
        try {
            reminders.sendDue(java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not send the backup reminders due; trying again in %s", config.pollEvery());
        }
        try {
            service.startDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not start due switchovers; trying again in %s", config.pollEvery());
        }
    }
}
