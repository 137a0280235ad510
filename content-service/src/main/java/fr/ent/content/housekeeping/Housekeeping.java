package fr.ent.content.housekeeping;

import fr.ent.content.config.ContentConfig;
import fr.ent.content.media.Blobs;
import fr.ent.content.switchover.Recoveries;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every {@code ent.content.housekeeping-every}, on a thread of its own: archives older than
 * {@code ent.content.archive-retention} are purged, then blobs nothing refers to any more are freed. A round that
 * fails is logged and the next one tries again.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final Recoveries recoveries;
    private final Blobs blobs;
    private final ContentConfig config;
    private ScheduledExecutorService scheduler;

    public Housekeeping(Recoveries recoveries, Blobs blobs, ContentConfig config) {
        this.recoveries = recoveries;
        this.blobs = blobs;
        this.config = config;
    }

    /** One round; returns the archived items purged and the blobs freed. */
    public int[] round() {
        int purged = recoveries.purge(config.archiveRetention());
        if (purged > 0) {
            LOG.infof("%d archived item(s) older than %s purged", purged, config.archiveRetention());
        }
        return new int[] {purged, blobs.sweep()};
    }

    void start(@Observes StartupEvent event) {
        long every = config.housekeepingEvery().toMillis();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "content-housekeeping"));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                round();
            } catch (RuntimeException e) {
                LOG.warn("housekeeping failed; the next round tries again", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
