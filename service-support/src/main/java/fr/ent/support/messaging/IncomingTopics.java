package fr.ent.support.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Creates, at start-up, the topics the service's incoming channels read that do not exist yet (the broker's default
 * partitions). A consumer that subscribes to a topic nobody has written to yet finds it only at its next metadata
 * refresh, five minutes later by default: the first acknowledgements a new participant publishes would wait that
 * long. Topics that exist are left as they are.
 */
@ApplicationScoped
public class IncomingTopics {

    private static final Logger LOG = Logger.getLogger(IncomingTopics.class);
    private static final String PREFIX = "mp.messaging.incoming.";

    void ensure(@Observes @Priority(1) StartupEvent event, Config config) {
        Optional<String> servers = config.getOptionalValue("kafka.bootstrap.servers", String.class);
        Set<String> topics = topics(config);
        if (servers.isEmpty() || topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.get(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            List<NewTopic> wanted = topics.stream().map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList();
            Set<String> made = new TreeSet<>();
            admin.createTopics(wanted).values().forEach((topic, created) -> {
                try {
                    created.get(15, TimeUnit.SECONDS);
                    made.add(topic);
                    LOG.infof("created topic %s, which this service reads", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("could not create topic %s (%s): its consumer finds it once it exists",
                                topic, e.getCause().getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.TimeoutException e) {
                    LOG.warnf("no answer creating topic %s: its consumer finds it once it exists", topic);
                }
            });
            awaitLeaders(admin, made);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not check the topics %s: their consumers find them once they exist", topics);
        }
    }

    /**
     * Waits until every partition of the topics just made has a leader: a consumer that subscribes before then may be
     * assigned none of them, and finds them only at its next metadata refresh (seen with a channel of three topics).
     */
    private static void awaitLeaders(Admin admin, Set<String> topics) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!topics.isEmpty() && System.nanoTime() < deadline) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                        .allMatch(d -> !d.partitions().isEmpty() && d.partitions().stream().allMatch(p -> p.leader() != null));
                if (ready) {
                    return;
                }
                Thread.sleep(100);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // not known everywhere yet: asked again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!topics.isEmpty()) {
            LOG.warnf("topics %s have no leader after 10 s: their consumers find them at their next metadata refresh",
                    topics);
        }
    }

    /** The topics named by {@code mp.messaging.incoming.<channel>.topic} or {@code .topics} (comma-separated). */
    static Set<String> topics(Config config) {
        Set<String> topics = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && (name.endsWith(".topic") || name.endsWith(".topics"))
                    && !name.contains("dead-letter-queue")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> {
                    for (String topic : value.split(",")) {
                        if (!topic.isBlank()) {
                            topics.add(topic.trim());
                        }
                    }
                });
            }
        }
        return topics;
    }
}
