package fr.ent.onde.imports;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Deletes the exports of ended imports once their retention ({@code ent.onde.export-retention}) is over, hourly. */
@ApplicationScoped
public class ExportRetention {

    private static final Logger LOG = Logger.getLogger(ExportRetention.class);

    private final ImportService imports;
    private ScheduledExecutorService scheduler;

    public ExportRetention(ImportService imports) {
        this.imports = imports;
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "onde-export-retention"));
        scheduler.scheduleWithFixedDelay(this::run, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    private void run() {
        try {
            int deleted = imports.deleteExpiredExports();
            if (deleted > 0) {
                LOG.infof("deleted the kept exports of %d imports past their retention", deleted);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not delete expired exports; trying again in an hour");
        }
    }
}
