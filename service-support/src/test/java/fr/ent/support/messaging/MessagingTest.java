package fr.ent.support.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * service-support's messaging on real Kafka and PostgreSQL, through a consumer written as the services write theirs
 * ({@link SupportTestConsumer}): the outbox, the inbox, the batch consumer and the dead letters.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class MessagingTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String TYPE = "fr.ent.test.value.v1";

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void anOutboxEventReachesKafkaWithItsHeadersOnlyWhenItsTransactionCommits() throws Exception {
        String topic = "support.out";
        // Relayed as the bytes PostgreSQL holds: accents, a symbol and a character outside the basic plane arrive
        // whole.
        UUID sent = QuarkusTransaction.requiringNew().call(() -> outbox.publish(topic, "K-COMMITTED", TYPE, "subject-1",
                Map.of("value", "Léa € 𝄞")));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.publish(topic, "K-ROLLED-BACK", TYPE, "subject-2", Map.of("value", 2));
                throw new IllegalStateException("the change fails after its event was written");
            });
        } catch (IllegalStateException expected) {
            // the event goes with the change
        }
        List<ConsumerRecord<String, String>> records = TestKafka.read(TestKafka.topic(topic),
                r -> r.stream().anyMatch(x -> "K-COMMITTED".equals(x.key())), WITHIN);
        ConsumerRecord<String, String> record = records.stream().filter(x -> "K-COMMITTED".equals(x.key())).findFirst()
                .orElseThrow(() -> new AssertionError("the committed event was not relayed: " + records));
        assertEquals(sent.toString(), TestKafka.header(record, "ce_id"));
        assertEquals(TYPE, TestKafka.header(record, "ce_type"));
        assertEquals("subject-1", TestKafka.header(record, "ce_subject"));
        assertEquals("{\"value\":\"Léa € 𝄞\"}", record.value());
        assertTrue(records.stream().noneMatch(x -> "K-ROLLED-BACK".equals(x.key())), "a rolled-back event went out");
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE aggregateid = ?", "K-ROLLED-BACK"));
        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM outbox_event WHERE id = ? AND sent_at IS NOT NULL",
                sent) == 1);
    }

    /**
     * The pending gauge ({@code ent_outbox_pending}) counts the outbox again at most every 5 s, however often it is
     * scraped: an event committed while the relay is paused shows after that, not at the next scrape.
     */
    @Test
    void thePendingGaugeCountsAtMostEveryFiveSeconds() throws Exception {
        await().atMost(WITHIN).until(() -> relay.pendingCount() == 0);
        relay.pause();
        try {
            Thread.sleep(5_100); // the gauge's last count is older than 5 s: the next read counts
            double before = relay.pendingGauge();
            QuarkusTransaction.requiringNew().run(() -> outbox.publish("support.gauge", "K-GAUGE", TYPE, "subject-g",
                    Map.of("value", 3)));
            assertEquals(before + 1, relay.pendingCount(), "the event is pending while the relay is paused");
            assertEquals(before, relay.pendingGauge(), "read again at once, the gauge is not counted again");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(before + 1, relay.pendingGauge(),
                    "counted again after 5 s (pending now: " + relay.pendingCount() + ")"));
        } finally {
            relay.resume();
        }
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        UUID once = UUID.randomUUID();
        send(once, "\"once\"");
        send(once, "\"once again\"");
        UUID after = UUID.randomUUID();
        send(after, "\"after\"");
        await().atMost(WITHIN).until(() -> applied(after) == 1);
        assertEquals(1, applied(once));
        assertEquals(1, count("SELECT count(*) FROM applied WHERE event_id = ? AND value = 'once'", once));
    }

    /**
     * A record that throws, and one the database refuses at the commit (too long for its column), fail the batch;
     * it is applied again record by record: those two go to the dead letters with their reasons, their neighbours
     * are applied, in order.
     */
    @Test
    void failingRecordsGoToTheDeadLettersWithTheirReasonsAndTheirNeighboursAreApplied() throws Exception {
        UUID first = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID tooLong = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        String in = TestKafka.topic("support.in");
        TestKafka.sendAll(List.of(TestKafka.event(in, "K", first, TYPE, "\"first\""),
                TestKafka.event(in, "K", poison, TYPE, "\"poison\""),
                TestKafka.event(in, "K", tooLong, TYPE, "\"" + "x".repeat(30) + "\""),
                TestKafka.event(in, "K", last, TYPE, "\"last\"")));
        await().atMost(WITHIN).until(() -> applied(first) == 1 && applied(last) == 1);
        List<ConsumerRecord<String, String>> dead = TestKafka.read(TestKafka.topic("service-support.support-in.dlq"),
                r -> r.stream().filter(x -> List.of(poison.toString(), tooLong.toString())
                        .contains(TestKafka.header(x, "ce_id"))).count() == 2, WITHIN);
        assertTrue(reason(dead, poison).contains("a poisoned test event"), reason(dead, poison));
        assertTrue(reason(dead, tooLong).contains("too long"), reason(dead, tooLong));
        assertEquals(0, applied(poison) + applied(tooLong));
    }

    /** An operator lists a channel's dead letters and replays one once its cause is fixed; twice only on purpose. */
    @Test
    void anOperatorReplaysADeadLetterOnceUnlessForced() throws Exception {
        String dlq = TestKafka.topic("service-support.support-in.dlq");
        UUID id = UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", id.toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", TestKafka.topic("support.in").getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-reason", "database unavailable".getBytes(StandardCharsets.UTF_8));
        TestKafka.send(new ProducerRecord<>(dlq, 0, "K-REPLAY", "\"replayed\"", headers));
        ConsumerRecord<String, String> stored = TestKafka.read(dlq,
                r -> r.stream().anyMatch(x -> id.toString().equals(TestKafka.header(x, "ce_id"))), WITHIN).stream()
                .filter(x -> id.toString().equals(TestKafka.header(x, "ce_id"))).findFirst().orElseThrow();
        String operator = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));
        String one = "/api/dead-letters/" + dlq + "/" + stored.partition() + "/" + stored.offset() + "/replay";

        given().auth().oauth2(operator).get("/api/dead-letters").then().statusCode(200)
                .body("find { it.channel == 'support-in' }.deadLetterTopic", equalTo(dlq));
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.ENSEIGNANT, "0750654D"))).post(one).then()
                .statusCode(403);
        given().auth().oauth2(operator).post(one).then().statusCode(200).body("replayed", equalTo(1));
        await().atMost(WITHIN).until(() -> applied(id) == 1);
        given().auth().oauth2(operator).post(one).then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("force"));
        given().auth().oauth2(operator).post(one + "?force=true").then().statusCode(200).body("replayed", equalTo(1));
        UUID after = UUID.randomUUID();
        send(after, "\"after\"");
        await().atMost(WITHIN).until(() -> applied(after) == 1);
        assertEquals(1, applied(id), "replayed twice, applied once: the inbox knows the event");
    }

    private static String reason(List<ConsumerRecord<String, String>> dead, UUID id) {
        return dead.stream().filter(x -> id.toString().equals(TestKafka.header(x, "ce_id"))).findFirst()
                .map(x -> TestKafka.header(x, "dead-letter-reason")).orElse("");
    }

    private static void send(UUID id, String payload) {
        TestKafka.sendEvent(TestKafka.topic("support.in"), "K", id, TYPE, payload);
    }

    private long applied(UUID id) throws Exception {
        return count("SELECT count(*) FROM applied WHERE event_id = ?", id);
    }

    private long count(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
