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
        customized.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, (instanceId.get() + "-" + channel
                + consumerIndex(channel, config.get(ConsumerConfig.CLIENT_ID_CONFIG))).replaceAll("[^A-Za-z0-9._-]", "-"));
        return customized;
    }

    /**
     * "-n" for the n-th consumer of a channel read by several ({@code partitions} > 1: the connector names their
     * clients {@code …<channel>-n}); empty for the only one.
     */
    private static String consumerIndex(String channel, Object clientId) {
        String id = clientId == null ? "" : clientId.toString();
        String prefix = channel + "-";
        int at = id.lastIndexOf(prefix);
        String suffix = at < 0 ? "" : id.substring(at + prefix.length());
        return at >= 0 && id.endsWith(prefix + suffix) && !suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit)
                ? "-" + suffix : "";
    }
}
