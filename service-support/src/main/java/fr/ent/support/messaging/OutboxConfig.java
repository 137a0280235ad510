package fr.ent.support.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay runs ({@code ent.outbox.*}). */
@ConfigMapping(prefix = "ent.outbox")
public interface OutboxConfig {

    /** Off only where another instance or a change-data-capture connector publishes. */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * How long the relay waits for the commit notification before it looks anyway. Committed events wake it at
     * once; this bounds the delay only when notifications are lost (e.g. the listening connection broke).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows published per round; a full batch is followed by the next at once. */
    @WithDefault("2000")
    int batchSize();

    /** How long sent rows are kept (for investigation) before they are purged. */
    @WithDefault("7d")
    Duration retention();

    @WithDefault("10m")
    Duration purgeInterval();
}
