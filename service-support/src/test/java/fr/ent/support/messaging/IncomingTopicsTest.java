package fr.ent.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncomingTopicsTest {

    @Test
    void theTopicsOfEveryIncomingChannelAreFoundButNotTheirDeadLetters() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.onde-changes.topic", "ns.onde.changes",
                "mp.messaging.incoming.onde-changes.dead-letter-queue.topic", "ns.svc.onde-changes.dlq",
                "mp.messaging.incoming.acknowledgements.topics", "ns.class.events, ns.content.events",
                "mp.messaging.outgoing.out.topic", "ns.outgoing",
                "kafka.bootstrap.servers", "127.0.0.1:1"), "test", 100)).build();
        assertEquals(Set.of("ns.onde.changes", "ns.class.events", "ns.content.events"), IncomingTopics.topics(config));
    }
}
