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
    void eachCopyOfAChannelReadWithConcurrencyGetsItsOwnMemberIdInKafkasCharacters() {
        StaticMembership membership = new StaticMembership(Optional.of("class-service-1"));
        assertEquals("class-service-1-onde-changes-1", membership.customize("onde-changes$1", null, CONSUMER)
                .get("group.instance.id"));
        assertEquals("class-service-1-onde-changes-2", membership.customize("onde-changes$2", null, CONSUMER)
                .get("group.instance.id"), "a copy of a channel made for concurrency, in Kafka's characters");
    }

    @Test
    void producersAndInstancesWithoutAnIdStayAsTheyAre() {
        assertEquals(PRODUCER, new StaticMembership(Optional.of("x")).customize("out", null, PRODUCER));
        assertFalse(new StaticMembership(Optional.empty()).customize("in", null, CONSUMER).containsKey("group.instance.id"));
        assertFalse(new StaticMembership(Optional.of(" ")).customize("in", null, CONSUMER).containsKey("group.instance.id"));
    }
}
