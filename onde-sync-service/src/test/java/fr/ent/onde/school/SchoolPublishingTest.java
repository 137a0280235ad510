package fr.ent.onde.school;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.messaging.Outbox;
import fr.ent.support.messaging.OutboxRelay;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox of onde-sync-service against the real broker and database. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SchoolPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SchoolRecorder recorder;

    @Inject
    OndeSchools schools;

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @AfterEach
    void relayRuns() {
        relay.resume();
    }

    @Test
    void anEventCommittedWhileTheRelayIsDownIsPublishedWhenItComesBack() throws Exception {
        relay.pause();
        UUID eventId = recorder.record(school("0750654D", "École Jules Ferry")).orElseThrow();
        assertTrue(relay.pendingCount() >= 1, "the committed event waits in the outbox");
        assertTrue(recordsFor("0750654D", 1, Duration.ofSeconds(2)).isEmpty(), "nothing is published while down");

        relay.resume();
        ConsumerRecord<String, String> record = recordsFor("0750654D", 1, Duration.ofSeconds(15)).get(0);

        assertEquals(eventId.toString(), TestKafka.header(record, "ce_id"));
        assertEquals(EventTypes.ONDE_SCHOOL_UPSERTED, TestKafka.header(record, "ce_type"));
        assertEquals("/ent/onde-sync-service", TestKafka.header(record, "ce_source"));
        assertEquals("0750654D", TestKafka.header(record, "ce_subject"));
        assertEquals("École Jules Ferry", JSON.readTree(record.value()).get("name").asText());
        assertEquals(0, relay.pendingCount());
    }

    @Test
    void whatIsPublishedValidatesAgainstTheEventSchema() {
        recorder.record(school("0752524L", "École des Lilas"));
        ConsumerRecord<String, String> record = recordsFor("0752524L", 1, Duration.ofSeconds(15)).get(0);
        assertEquals(java.util.Set.of(), EventSchemas.violations(TestKafka.header(record, "ce_type"), record.value()));
    }

    @Test
    void theEventsOfOneSchoolArriveInTheOrderTheyWereCommitted() throws Exception {
        int changes = 60;
        for (int i = 1; i <= changes; i++) {
            recorder.record(school("0920131T", "Nom " + i));
        }
        List<ConsumerRecord<String, String>> records = recordsFor("0920131T", changes, Duration.ofSeconds(20));
        assertEquals(changes, records.size());
        for (int i = 0; i < changes; i++) {
            JsonNode payload = JSON.readTree(records.get(i).value());
            assertEquals("Nom " + (i + 1), payload.get("name").asText());
        }
    }

    @Test
    void relaysRunningAtOnceNeverPublishARowTwice() throws Exception {
        relay.pause();
        int events = 6000;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < events; i++) {
                outbox.publish(Topics.ONDE_CHANGES, "0130001F", EventTypes.ONDE_SCHOOL_UPSERTED, "0130001F",
                        school("0130001F", "Nom " + i));
            }
        });
        ExecutorService instances = Executors.newFixedThreadPool(3);
        List<Future<Integer>> published = new ArrayList<>();
        for (int instance = 0; instance < 3; instance++) {
            published.add(instances.submit(() -> {
                int sent = 0;
                while (relay.pendingCount() > 0) {
                    int round = relay.relayOnce();
                    sent += round;
                    if (round == 0) {
                        Thread.sleep(10); // another instance holds the lock
                    }
                }
                return sent;
            }));
        }
        int total = 0;
        try {
            for (Future<Integer> count : published) {
                total += count.get(60, TimeUnit.SECONDS);
            }
        } finally {
            instances.shutdownNow();
        }

        List<ConsumerRecord<String, String>> records = recordsFor("0130001F", events, Duration.ofSeconds(30));
        assertEquals(events, total);
        assertEquals(events, records.size());
        assertEquals(events, records.stream().map(r -> TestKafka.header(r, "ce_id")).distinct().count());
    }

    @Test
    void sentRowsArePurgedAfterTheRetentionAndPendingOnesNever() throws Exception {
        relay.pause();
        UUID old = recorder.record(school("0130002G", "Envoyé il y a longtemps")).orElseThrow();
        UUID recent = recorder.record(school("0130003H", "Envoyé hier")).orElseThrow();
        UUID pending = recorder.record(school("0130004J", "Pas encore envoyé")).orElseThrow();
        setSentAt(old, "now() - interval '8 days'");
        setSentAt(recent, "now() - interval '1 day'");
        setSentAt(pending, "NULL");

        relay.purgeSentRows();

        assertEquals(List.of(recent, pending), QuarkusTransaction.requiringNew().call(() -> outboxIds(old, recent, pending)));
    }

    @Test
    void theSameSchoolTwicePublishesOnce() {
        SchoolUpserted school = school("0593587D", "École Pasteur");
        assertTrue(recorder.record(school).isPresent());
        assertEquals(Optional.empty(), recorder.record(school));
    }

    @Test
    void operatorsRecordSchoolsThroughTheApi() {
        String operator = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));
        String body = "{\"name\":\"École Victor Hugo\",\"academyCode\":\"17\",\"town\":\"Paris\",\"departmental\":false}";
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(body)
                .put("/api/schools/0750001U").then().statusCode(200).body("changed", equalTo(true));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(body)
                .put("/api/schools/0750001U").then().statusCode(200).body("changed", equalTo(false));
    }

    @Test
    void anInvalidUaiIsRefusedWithAPreciseErrorAndNothingIsRecorded() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR))).contentType(ContentType.JSON)
                .body("{\"name\":\"X\",\"academyCode\":\"17\"}")
                .put("/api/schools/0750654E").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("uai")).body("detail", containsString("not a valid UAI"));
        assertTrue(schools.find("0750654E").isEmpty());
    }

    @Test
    void badInputIsAPreciseProblemAndNothingIsRecorded() {
        String operator = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"name\":\"X\",\"academyCode\":\"01\"}")
                .put("/api/schools/0750002V").then().statusCode(400).body("field", equalTo("academyCode"))
                .body("detail", containsString("serves académie 17"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"name\":\"A\\u0000B\"}")
                .put("/api/schools/0750002V").then().statusCode(400).body("field", equalTo("name"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"name\":\"" + "N".repeat(256) + "\"}")
                .put("/api/schools/0750002V").then().statusCode(400).body("field", equalTo("name"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"name\":")
                .put("/api/schools/0750002V").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("malformed JSON"));
        assertTrue(schools.find("0750002V").isEmpty());
    }

    @Test
    void onlyOperatorsRecordSchools() {
        String body = "{\"name\":\"X\",\"academyCode\":\"01\"}";
        given().contentType(ContentType.JSON).body(body).put("/api/schools/0750654D").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.RECTORAT))).contentType(ContentType.JSON)
                .body(body).put("/api/schools/0750654D").then().statusCode(403);
    }

    @Inject
    AgroalDataSource dataSource;

    private void setSentAt(UUID id, String sentAt) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET sent_at = " + sentAt + " WHERE id = ?")) {
            update.setObject(1, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    private List<UUID> outboxIds(UUID... ids) throws Exception {
        List<UUID> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM outbox_event WHERE id = ANY (?) ORDER BY seq")) {
            query.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }

    private static SchoolUpserted school(String uai, String name) {
        return new SchoolUpserted(uai, name, "ECOLE ELEMENTAIRE PUBLIQUE", "01", "PARIS", "Paris", "Paris 5e", false);
    }

    private static List<ConsumerRecord<String, String>> recordsFor(String uai, int count, Duration timeout) {
        return TestKafka.read(TestKafka.topic(Topics.ONDE_CHANGES),
                        records -> records.stream().filter(r -> uai.equals(r.key())).count() >= count, timeout)
                .stream().filter(r -> uai.equals(r.key())).toList();
    }
}
