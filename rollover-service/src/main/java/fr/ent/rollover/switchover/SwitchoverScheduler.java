package fr.ent.rollover.switchover;

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
 * Starts scheduled switchovers when their time comes, checked every {@code ent.rollover.poll-every}; at start-up too,
 * so that one whose time came while the service was down starts as soon as it is back.
 */
@ApplicationScoped
public class SwitchoverScheduler {

    private static final Logger LOG = Logger.getLogger(SwitchoverScheduler.class);

    private final SwitchoverService service;
    private final RolloverConfig config;
    private ScheduledExecutorService scheduler;

    public SwitchoverScheduler(SwitchoverService service, RolloverConfig config) {
        this.service = service;
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
            service.startDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not start due switchovers; trying again in %s", config.pollEvery());
        }
    }
}
