package fr.ent.rollover.operations;

import fr.ent.support.messaging.KafkaNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the broker says of the suite's topics and consumer groups, for operators: each topic's partitions and
 * records, each group's members and lag per topic (the records it has yet to read), and the dead letters waiting
 * on each service's dead-letter topics ({@code <service>.<channel>.dlq}). Only the topics and groups of this suite's
 * namespace are shown.
 */
@ApplicationScoped
public class KafkaOverview {

    /** A topic: its partitions and the records it holds now (end offsets less start offsets). */
    public record TopicView(String name, int partitions, long records) {
    }

    /** A consumer group: its state, members and what it has left to read per topic. */
    public record GroupView(String groupId, String state, int members, Map<String, Long> lagByTopic, long lag) {
    }

    /** The dead letters of one service, per dead-letter topic. */
    public record DeadLetterView(String service, Map<String, Long> byTopic, long total) {
    }

    public record Snapshot(List<TopicView> topics, List<GroupView> groups, List<DeadLetterView> deadLetters) {
    }

    private static final long TIMEOUT_SECONDS = 10;

    private final String servers;
    private final KafkaNamespace namespace;

    public KafkaOverview(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, KafkaNamespace namespace) {
        this.servers = servers;
        this.namespace = namespace;
    }

    public Snapshot snapshot() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))) {
            List<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .filter(this::ours).sorted().toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(),
                    p.partition()))));
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());

            List<TopicView> topics = new ArrayList<>();
            Map<String, Map<String, Long>> deadLetters = new TreeMap<>();
            for (String name : names) {
                long records = 0;
                for (TopicPartition partition : partitions) {
                    if (partition.topic().equals(name)) {
                        records += ends.getOrDefault(partition, 0L) - starts.getOrDefault(partition, 0L);
                    }
                }
                topics.add(new TopicView(name, described.get(name).partitions().size(), records));
                if (name.endsWith(".dlq")) {
                    String local = name.substring(namespace.prefix().length());
                    String service = local.contains(".") ? local.substring(0, local.indexOf('.')) : local;
                    deadLetters.computeIfAbsent(service, s -> new TreeMap<>()).put(name, records);
                }
            }
            return new Snapshot(topics, groups(admin, ends), deadLetters.entrySet().stream()
                    .map(e -> new DeadLetterView(e.getKey(), e.getValue(),
                            e.getValue().values().stream().mapToLong(Long::longValue).sum())).toList());
        }
    }

    private List<GroupView> groups(Admin admin, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> ids = admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).filter(this::ours).sorted().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(ids).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<GroupView> groups = new ArrayList<>();
        for (String id : ids) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Long> lag = new TreeMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null && ends.containsKey(partition)) {
                    lag.merge(partition.topic(), Math.max(0, ends.get(partition) - offset.offset()), Long::sum);
                }
            });
            ConsumerGroupDescription description = descriptions.get(id);
            groups.add(new GroupView(id, description == null ? "UNKNOWN" : description.groupState().toString(),
                    description == null ? 0 : description.members().size(), lag,
                    lag.values().stream().mapToLong(Long::longValue).sum()));
        }
        return groups;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : admin.listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet()) {
            offsets.put(e.getKey(), e.getValue().offset());
        }
        return offsets;
    }

    /** The suite's own topics and groups: those of its namespace, Kafka's internal ones left out. */
    private boolean ours(String name) {
        return !name.startsWith("__") && (namespace.prefix().isEmpty() || name.startsWith(namespace.prefix()));
    }
}
