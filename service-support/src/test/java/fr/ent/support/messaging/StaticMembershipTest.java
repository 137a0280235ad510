package fr.ent.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticMembershipTest {

    private static final Map<String, Object> CONSUMER = Map.of("group.id", "class-service", "bootstrap.servers", "b");
    private static final Map<String, Object> PRODUCER = Map.of("bootstrap.servers", "b", "acks", "all");

    @Test
    void eachChannelOfAnInstanceGetsItsOwnStableMemberId() {
        StaticMembership membership = new StaticMembership(Optional.of("class-service-1"));
        assertEquals("class-service-1-onde-changes",
                membership.customize("onde-changes", null, CONSUMER).get("group.instance.id"));
        assertEquals("class-service-1-year-switched",
                membership.customize("year-switched", null, CONSUMER).get("group.instance.id"));
        assertEquals("class-service", membership.customize("onde-changes", null, CONSUMER).get("group.id"));
    }

    @Test
    void eachConsumerOfAChannelReadBySeveralGetsItsOwnMemberId() {
        StaticMembership membership = new StaticMembership(Optional.of("class-service-1"));
        Map<String, Object> first = new java.util.HashMap<>(CONSUMER);
        first.put("client.id", "kafka-consumer-onde-changes-0");
        Map<String, Object> second = new java.util.HashMap<>(CONSUMER);
        second.put("client.id", "kafka-consumer-onde-changes-1");
        assertEquals("class-service-1-onde-changes-0",
                membership.customize("onde-changes", null, first).get("group.instance.id"));
        assertEquals("class-service-1-onde-changes-1",
                membership.customize("onde-changes", null, second).get("group.instance.id"));
        assertEquals("class-service-1-onde-changes-2", membership.customize("onde-changes$2", null, CONSUMER)
                .get("group.instance.id"), "a copy of a channel made for concurrency, in Kafka's characters");
        Map<String, Object> only = new java.util.HashMap<>(CONSUMER);
        only.put("client.id", "kafka-consumer-onde-changes");
        assertEquals("class-service-1-onde-changes",
                membership.customize("onde-changes", null, only).get("group.instance.id"));
    }

    @Test
    void producersAndInstancesWithoutAnIdStayAsTheyAre() {
        assertEquals(PRODUCER, new StaticMembership(Optional.of("x")).customize("out", null, PRODUCER));
        assertFalse(new StaticMembership(Optional.empty()).customize("in", null, CONSUMER).containsKey("group.instance.id"));
        assertFalse(new StaticMembership(Optional.of(" ")).customize("in", null, CONSUMER).containsKey("group.instance.id"));
    }
}
