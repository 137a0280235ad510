package fr.ent.support.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Kafka's record batches are lz4-compressed (OutboxRelay). lz4-java loads its native library only when its classes
 * come from the system class loader; under Quarkus they do not, so Kafka's compressor and decompressor were the pure
 * Java "safe" ones: every consumer decompressed every batch in Java, eight times slower under C1 than the native code
 * (64 MB of roster JSON: 113 ms against 14 ms). Loaded here, at start-up and before any consumer reads a batch, the
 * library makes {@link LZ4Factory#fastestInstance()} — which Kafka asks — the native one. Where it cannot be loaded
 * (no build for this platform), Kafka keeps the Java code, as before.
 */
@ApplicationScoped
public class Lz4Native {

    private static final Logger LOG = Logger.getLogger(Lz4Native.class);

    void load(@Observes @Priority(0) StartupEvent event) {
        LOG.debugf("lz4 for Kafka's batches: %s", load());
    }

    /** The factory Kafka gets from now on: JNI when the native library could be loaded. */
    static LZ4Factory load() {
        try {
            net.jpountz.util.Native.load();
        } catch (RuntimeException | LinkageError e) {
            LOG.infof("lz4's native library could not be loaded (%s): Kafka's batches are compressed in Java", e);
        }
        return LZ4Factory.fastestInstance();
    }
}
