package fr.ent.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticMembershipTest {

    private static final Map<String, Object> CONSUMER = Map.of("group.id", "class-service", "bootstrap.servers", "b");
    private static final Map<String, Object> PRODUCER = Map.of("bootstrap.servers", "b", "acks", "all");

    private static final org.eclipse.microprofile.config.Config ONDE = channel(Map.of("topic", "onde.changes"));
    private static final String TAG = StaticMembership.topicsTag(ONDE);

    @Test
    void eachChannelOfAnInstanceGetsItsOwnStableMemberId() {
        StaticMembership membership = new StaticMembership(Optional.of("class-service-1"));
        assertEquals("class-service-1-onde-changes-" + TAG,
                membership.customize("onde-changes", ONDE, CONSUMER).get("group.instance.id"));
        assertEquals(membership.customize("onde-changes", ONDE, CONSUMER), membership.customize("onde-changes",
                channel(Map.of("topic", "onde.changes")), CONSUMER), "stable across restarts");
        assertEquals("class-service-1-year-switched-" + TAG,
                membership.customize("year-switched", ONDE, CONSUMER).get("group.instance.id"));
        assertEquals("class-service", membership.customize("onde-changes", ONDE, CONSUMER).get("group.id"));
    }

    @Test
    void aChannelThatReadsOtherTopicsIsAnotherMemberSoThatItIsAssignedThem() {
        StaticMembership membership = new StaticMembership(Optional.of("rollover-service-1"));
        Object before = membership.customize("acknowledgements", channel(Map.of("topics", "class.events,content.events")),
                CONSUMER).get("group.instance.id");
        Object after = membership.customize("acknowledgements", channel(Map.of("topics",
                "class.events,content.events,identity.events")), CONSUMER).get("group.instance.id");
        assertFalse(before.equals(after), before + " = " + after);
        assertEquals(after, membership.customize("acknowledgements", channel(Map.of("topics",
                "identity.events,class.events,content.events")), CONSUMER).get("group.instance.id"), "order aside");
    }

    @Test
    void eachCopyOfAChannelReadWithConcurrencyGetsItsOwnMemberIdInKafkasCharacters() {
        StaticMembership membership = new StaticMembership(Optional.of("class-service-1"));
        assertEquals("class-service-1-onde-changes-1-" + TAG, membership.customize("onde-changes$1", ONDE, CONSUMER)
                .get("group.instance.id"));
        assertEquals("class-service-1-onde-changes-2-" + TAG, membership.customize("onde-changes$2", ONDE, CONSUMER)
                .get("group.instance.id"), "a copy of a channel made for concurrency, in Kafka's characters");
    }

    private static org.eclipse.microprofile.config.Config channel(Map<String, String> properties) {
        return new io.smallrye.config.SmallRyeConfigBuilder().withSources(new io.smallrye.config.PropertiesConfigSource(
                properties, "channel", 100)).build();
    }

    @Test
    void producersAndInstancesWithoutAnIdStayAsTheyAre() {
        assertEquals(PRODUCER, new StaticMembership(Optional.of("x")).customize("out", null, PRODUCER));
        assertFalse(new StaticMembership(Optional.empty()).customize("in", null, CONSUMER).containsKey("group.instance.id"));
        assertFalse(new StaticMembership(Optional.of(" ")).customize("in", null, CONSUMER).containsKey("group.instance.id"));
    }
}
