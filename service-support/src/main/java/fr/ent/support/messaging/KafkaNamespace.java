package fr.ent.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An optional prefix of every topic and consumer group ({@code ent.kafka.namespace}). Empty in production;
 * tests that share a broker with a running stack set one, so that neither sees the other's events.
 */
@ApplicationScoped
public class KafkaNamespace {

    private final String prefix;

    public KafkaNamespace(@ConfigProperty(name = "ent.kafka.namespace") Optional<String> prefix) {
        this.prefix = prefix.orElse("");
    }

    public String topic(String name) {
        return prefix + name;
    }

    /** The prefix itself (empty by default): what this suite's topics and groups start with. */
    public String prefix() {
        return prefix;
    }
}
