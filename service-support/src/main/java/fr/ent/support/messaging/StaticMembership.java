package fr.ent.support.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka static group membership for this instance's consumers when {@code ent.instance-id} is set (one id per
 * running instance, stable across its restarts: {@code ./ent up} gives {@code class-service-1}). A restarted
 * instance then takes its partitions back at once instead of waiting for its dead member's session to expire
 * (about 45 s). Each channel gets its own member id ({@code <instance-id>-<channel>}), as channels may share a group,
 * and each consumer of a channel read by several its own ({@code <instance-id>-<channel>-<n>}).
 * Unset, consumers are dynamic members: two instances started by hand with the same id would fence each other.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

    private final Optional<String> instanceId;

    public StaticMembership(@ConfigProperty(name = "ent.instance-id") Optional<String> instanceId) {
        this.instanceId = instanceId.filter(id -> !id.isBlank());
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (instanceId.isEmpty() || !config.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
            return config;
        }
        Map<String, Object> customized = new HashMap<>(config);
        // Kafka takes letters, digits, '.', '_' and '-' only: a channel copied for concurrency is "name$n".
        customized.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                (instanceId.get() + "-" + channel + "-" + topicsTag(channelConfig)).replaceAll("[^A-Za-z0-9._-]", "-"));
        return customized;
    }

    /**
     * A short tag of the topics the channel reads. A static member that comes back is given its previous assignment
     * without a rebalance, even when it now reads more topics: rollover-service, reading identity.events after an
     * upgrade, was never assigned it. With the topics in its id, a member whose topics changed is a new member; the
     * old one's partitions go to it once the old session expires (about 45 s).
     */
    static String topicsTag(Config channelConfig) {
        if (channelConfig == null) {
            return "00000000";
        }
        String topics = channelConfig.getOptionalValue("topics", String.class)
                .or(() -> channelConfig.getOptionalValue("topic", String.class)).orElse("");
        return String.format("%08x", new java.util.TreeSet<>(java.util.List.of(topics.split(","))).toString().hashCode());
    }
}
