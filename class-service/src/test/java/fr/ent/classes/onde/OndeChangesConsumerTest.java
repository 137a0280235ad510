package fr.ent.classes.onde;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.classes.school.School;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** class-service applying onde.changes from the real broker into the real database. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class OndeChangesConsumerTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSchoolFromOndeIsVisibleToTheRectorate() {
        send("0750654D", UUID.randomUUID(), school("0750654D", "École Jules Ferry"));

        await().atMost(WITHIN).untilAsserted(() -> given()
                .auth().oauth2(TestTokens.sign(TestUser.rectoratOf("01")))
                .get("/api/schools/0750654D").then().statusCode(200).body("name", equalTo("École Jules Ferry")));
    }

    @Test
    void aRedeliveredEventChangesTheStateOnce() {
        UUID first = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        send("0752524L", first, school("0752524L", "Ancien nom"));
        send("0752524L", UUID.randomUUID(), school("0752524L", "Nouveau nom"));
        send("0752524L", first, school("0752524L", "Ancien nom"));
        // Same key, same partition: once the marker is applied, the redelivery before it has been handled.
        TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), "0752524L", marker, "fr.ent.test.marker.v1", "{}");

        await().atMost(WITHIN).until(() -> processed(marker));
        assertEquals("Nouveau nom", school("0752524L").name);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithAReasonAndTheNextOneIsApplied() {
        String dlq = TestKafka.topic("class-service.onde-changes.dlq");
        UUID notJson = UUID.randomUUID();
        UUID invalid = UUID.randomUUID();
        send("0920131T", notJson, "{not json");
        send("0920131T", invalid, school("1234567A", "UAI invalide"));
        send("0920131T", UUID.randomUUID(), school("0920131T", "École Anatole France"));

        await().atMost(WITHIN).until(() -> school("0920131T") != null);
        java.util.Set<String> ours = java.util.Set.of(notJson.toString(), invalid.toString());
        List<ConsumerRecord<String, String>> deadLetters = TestKafka.read(dlq,
                r -> r.stream().filter(x -> ours.contains(TestKafka.header(x, "ce_id"))).count() >= 2, WITHIN).stream()
                .filter(x -> ours.contains(TestKafka.header(x, "ce_id"))).toList();
        assertEquals(2, deadLetters.size());
        assertTrue(TestKafka.header(deadLetters.get(0), "dead-letter-reason").contains("not a valid SchoolUpserted"),
                TestKafka.header(deadLetters.get(0), "dead-letter-reason"));
        assertTrue(TestKafka.header(deadLetters.get(1), "dead-letter-reason").contains("invalid UAI: 1234567A"),
                TestKafka.header(deadLetters.get(1), "dead-letter-reason"));

        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)))
                .get("/api/dead-letters/" + dlq).then().statusCode(200)
                .body("reason", hasItem(org.hamcrest.Matchers.containsString("invalid UAI: 1234567A")))
                .body("originalTopic", hasItem(TestKafka.topic(Topics.ONDE_CHANGES)));
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.RECTORAT)))
                .get("/api/dead-letters/" + dlq).then().statusCode(403);
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatchIsDeadLetteredAloneAndTheOthersAreApplied() {
        String dlq = TestKafka.topic("class-service.onde-changes.dlq");
        String keys = "ABCDEFGHJKLMNPRSTUVWXYZ";
        List<String> uais = new java.util.ArrayList<>();
        List<ProducerRecord<String, String>> records = new java.util.ArrayList<>();
        UUID poison = UUID.randomUUID();
        for (int i = 0; i < 40; i++) {
            String digits = String.format("0590%03d", 100 + i);
            String uai = digits + keys.charAt(Integer.parseInt(digits) % 23);
            if (i == 20) {
                records.add(TestKafka.event(TestKafka.topic(Topics.ONDE_CHANGES), "0590100", poison,
                        EventTypes.ONDE_SCHOOL_UPSERTED, school("12345", "UAI invalide")));
            }
            uais.add(uai);
            records.add(TestKafka.event(TestKafka.topic(Topics.ONDE_CHANGES), "0590100", UUID.randomUUID(),
                    EventTypes.ONDE_SCHOOL_UPSERTED, school(uai, "École " + i)));
        }
        TestKafka.sendAll(records);

        await().atMost(WITHIN).until(() -> uais.stream().allMatch(uai -> school(uai) != null));
        // A second poison on the same key closes the sequence: once it is dead-lettered, everything before it was
        // handled, so the count of the first one below is final.
        UUID sentinel = UUID.randomUUID();
        TestKafka.sendAll(List.of(TestKafka.event(TestKafka.topic(Topics.ONDE_CHANGES), "0590100", sentinel,
                EventTypes.ONDE_SCHOOL_UPSERTED, school("99999", "UAI invalide"))));
        List<ConsumerRecord<String, String>> deadLetters = TestKafka.read(dlq,
                r -> r.stream().anyMatch(x -> sentinel.toString().equals(TestKafka.header(x, "ce_id"))), WITHIN);
        assertEquals(1, deadLetters.stream().filter(x -> poison.toString().equals(TestKafka.header(x, "ce_id"))).count());
        assertTrue(TestKafka.header(deadLetters.stream().filter(x -> poison.toString().equals(TestKafka.header(x, "ce_id")))
                .findFirst().orElseThrow(), "dead-letter-reason").contains("invalid UAI: 12345"));
    }

    /**
     * Writes are sent in batches when the transaction commits: a row the database refuses there (a first name longer
     * than its column) fails the batch, which is applied again record by record — the refused one goes to the dead
     * letters and its neighbours are applied, nothing lost silently.
     */
    @Test
    void aRowTheDatabaseRefusesAtCommitIsDeadLetteredAloneAndItsNeighboursApplied() throws Exception {
        String dlq = TestKafka.topic("class-service.onde-changes.dlq");
        String uai = "0593588E";
        UUID bad = UUID.randomUUID();
        List<ProducerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String first = i == 1 ? "P".repeat(300) : "Prénom" + i;
            fr.ent.contracts.onde.OndePupil pupil = new fr.ent.contracts.onde.OndePupil("ELV-COMMIT-" + i, null, first,
                    "Nom", "2012-05-01", "CP", List.of(new fr.ent.contracts.onde.OndePupil.Link("RESP-COMMIT-" + i, "10", true)));
            records.add(TestKafka.event(TestKafka.topic(Topics.ONDE_CHANGES), uai, i == 1 ? bad : UUID.randomUUID(),
                    EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new fr.ent.contracts.onde.OndeClass(uai,
                            "2018-2019", "C-COMMIT-" + i, "CP", List.of("CP"), List.of(pupil)))));
        }
        TestKafka.sendAll(records);
        await().atMost(WITHIN).until(() -> pupils("ELV-COMMIT-0", "ELV-COMMIT-2") == 2);
        List<ConsumerRecord<String, String>> dead = TestKafka.read(dlq,
                r -> r.stream().anyMatch(x -> bad.toString().equals(TestKafka.header(x, "ce_id"))), WITHIN);
        assertTrue(TestKafka.header(dead.stream().filter(x -> bad.toString().equals(TestKafka.header(x, "ce_id")))
                .findFirst().orElseThrow(), "dead-letter-reason").contains("too long"));
        assertEquals(0, pupils("ELV-COMMIT-1"));
        assertEquals(2, links("ELV-COMMIT-0", "ELV-COMMIT-2"), "the applied pupils have their links");
    }

    private long pupils(String... ids) throws Exception {
        return count("SELECT count(*) FROM pupil WHERE pupil_id = ANY (?)", ids);
    }

    private long links(String... ids) throws Exception {
        return count("SELECT count(*) FROM pupil_responsable WHERE pupil_id = ANY (?)", ids);
    }

    private long count(String sql, String[] ids) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A type of the contract before class rosters, still on the topic after an upgrade, is not skipped silently. */
    @Test
    void aRetiredEventTypeIsDeadLetteredWithTheReason() {
        String dlq = TestKafka.topic("class-service.onde-changes.dlq");
        UUID retired = UUID.randomUUID();
        TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), "0593589F", retired, "fr.ent.onde.pupil.enrolled.v1",
                "{\"uai\":\"0593589F\",\"pupilId\":\"ELV-OLD\"}");
        List<ConsumerRecord<String, String>> dead = TestKafka.read(dlq,
                r -> r.stream().anyMatch(x -> retired.toString().equals(TestKafka.header(x, "ce_id"))), WITHIN);
        String reason = TestKafka.header(dead.stream().filter(x -> retired.toString().equals(TestKafka.header(x, "ce_id")))
                .findFirst().orElseThrow(), "dead-letter-reason");
        assertTrue(reason.contains("retired type"), reason);
    }

    /**
     * Who a responsable is comes in their own event, before the rosters that link to them; new details change the
     * responsable and touch no roster. A roster of class.upserted.v2 (details inside) is retired.
     */
    @Test
    void aResponsableIsKeptFromTheirOwnEventsAndARosterOfTheRetiredVersionIsDeadLettered() throws Exception {
        String uai = "0593590G";
        String topic = TestKafka.topic(Topics.ONDE_CHANGES);
        TestKafka.sendEvent(topic, uai, UUID.randomUUID(), EventTypes.ONDE_RESPONSABLES_UPSERTED, responsable(uai,
                "Durand"));
        fr.ent.contracts.onde.OndePupil pupil = new fr.ent.contracts.onde.OndePupil("ELV-OWN", null, "Lou", "Durand",
                "2013-02-01", "CE1", List.of(new fr.ent.contracts.onde.OndePupil.Link("RESP-OWN", "10", true)));
        TestKafka.sendEvent(topic, uai, UUID.randomUUID(), EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(
                new fr.ent.contracts.onde.OndeClass(uai, "2018-2019", "C-OWN", "CE1", List.of("CE1"), List.of(pupil))));
        TestKafka.sendEvent(topic, uai, UUID.randomUUID(), EventTypes.ONDE_RESPONSABLES_UPSERTED, responsable(uai,
                "Durand-Martin"));
        UUID retired = UUID.randomUUID();
        TestKafka.sendEvent(topic, uai, retired, "fr.ent.onde.class.upserted.v2", "{\"uai\":\"" + uai + "\"}");

        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM responsable WHERE responsable_id = ANY (?) "
                + "AND last_name = 'Durand-Martin'", new String[] {"RESP-OWN"}) == 1);
        assertEquals(1, links("ELV-OWN"), "the roster's link to the responsable");
        List<ConsumerRecord<String, String>> dead = TestKafka.read(TestKafka.topic("class-service.onde-changes.dlq"),
                r -> r.stream().anyMatch(x -> retired.toString().equals(TestKafka.header(x, "ce_id"))), WITHIN);
        String reason = TestKafka.header(dead.stream().filter(x -> retired.toString().equals(TestKafka.header(x, "ce_id")))
                .findFirst().orElseThrow(), "dead-letter-reason");
        assertTrue(reason.contains("retired type"), reason);
    }

    /**
     * A delta's roster is mostly the one before: the rows that do not change keep their row version (xmin), the
     * changed pupil and link are written, a pupil who moved in is placed, one who left the roster is untouched here.
     */
    @Test
    void aRosterSentAgainRewritesOnlyWhatChanged() throws Exception {
        String uai = "0594120H";
        String topic = TestKafka.topic(Topics.ONDE_CHANGES);
        var anne = new fr.ent.contracts.onde.OndePupil("ELV-XA", null, "Anne", "Roux", "2013-02-01", "CE1",
                List.of(new fr.ent.contracts.onde.OndePupil.Link("RESP-XA", "10", true)));
        var bob = new fr.ent.contracts.onde.OndePupil("ELV-XB", null, "Bob", "Roux", "2013-03-01", "CE1",
                List.of(new fr.ent.contracts.onde.OndePupil.Link("RESP-XA", "10", true)));
        var cleo = new fr.ent.contracts.onde.OndePupil("ELV-XC", null, "Cléo", "Petit", "2013-04-01", "CE1", List.of());
        TestKafka.sendEvent(topic, uai, UUID.randomUUID(), EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(
                new fr.ent.contracts.onde.OndeClass(uai, "2018-2019", "C-X", "CE1", List.of("CE1"), List.of(anne, bob,
                        cleo))));
        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM pupil WHERE pupil_id = ANY (?)",
                new String[] {"ELV-XA", "ELV-XB", "ELV-XC"}) == 3);
        java.util.Map<String, String> before = versions(uai);

        var bobRenamed = new fr.ent.contracts.onde.OndePupil("ELV-XB", null, "Bob", "Roux-Lenoir", "2013-03-01", "CE1",
                List.of(new fr.ent.contracts.onde.OndePupil.Link("RESP-XA", "20", true)));
        var dan = new fr.ent.contracts.onde.OndePupil("ELV-XD", null, "Dan", "Petit", "2013-05-01", "CE1", List.of());
        UUID second = UUID.randomUUID();
        TestKafka.sendEvent(topic, uai, second, EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(
                new fr.ent.contracts.onde.OndeClass(uai, "2018-2019", "C-X", "CE1", List.of("CE1"), List.of(anne,
                        bobRenamed, dan))));
        await().atMost(WITHIN).until(() -> processed(second));
        java.util.Map<String, String> after = versions(uai);

        assertEquals(before.get("class"), after.get("class"), "the class did not change");
        assertEquals(before.get("pupil ELV-XA"), after.get("pupil ELV-XA"), "Anne did not change");
        assertEquals(before.get("link ELV-XA"), after.get("link ELV-XA"), "Anne's link did not change");
        assertTrue(!before.get("pupil ELV-XB").equals(after.get("pupil ELV-XB")), "Bob's name changed");
        assertTrue(!before.get("link ELV-XB").equals(after.get("link ELV-XB")), "Bob's relation changed");
        assertEquals(before.get("pupil ELV-XC"), after.get("pupil ELV-XC"), "Cléo is left to pupil.left");
        assertTrue(after.containsKey("pupil ELV-XD"), "Dan is placed");
        assertEquals(1, count("SELECT count(*) FROM pupil WHERE pupil_id = ANY (?) AND last_name = 'Roux-Lenoir'",
                new String[] {"ELV-XB"}));
        assertEquals(1, count("SELECT count(*) FROM pupil_responsable WHERE pupil_id = ANY (?) AND relation_code = '20'",
                new String[] {"ELV-XB"}));
    }

    /** The row version (xmin) of the class, of each pupil and of each pupil's link in the school. */
    private java.util.Map<String, String> versions(String uai) throws Exception {
        java.util.Map<String, String> versions = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT 'class', xmin::text FROM school_class WHERE uai = ? UNION ALL SELECT 'pupil ' || pupil_id, "
                        + "xmin::text FROM pupil WHERE uai = ? UNION ALL SELECT 'link ' || pupil_id, xmin::text "
                        + "FROM pupil_responsable WHERE uai = ?")) {
            query.setString(1, uai);
            query.setString(2, uai);
            query.setString(3, uai);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return versions;
    }

    private static String responsable(String uai, String lastName) throws Exception {
        String json = JSON.writeValueAsString(new fr.ent.contracts.onde.OndeResponsable.Upserted(uai, List.of(
                new fr.ent.contracts.onde.OndeResponsable("RESP-OWN", fr.ent.contracts.onde.OndeResponsable.PERSON,
                        "Mme", lastName, "Claire", "claire.durand@example.org", null, "0600000000", null))));
        assertEquals(java.util.Set.of(), fr.ent.testsupport.EventSchemas.violations(EventTypes.ONDE_RESPONSABLES_UPSERTED,
                json));
        return json;
    }

    @Test
    void anOperatorReplaysADeadLetterOnceItsCauseIsFixed() {
        String dlq = TestKafka.topic("class-service.onde-changes.dlq");
        // A record that failed earlier, as the dead-letter strategy stored it.
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", EventTypes.ONDE_SCHOOL_UPSERTED.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", TestKafka.topic(Topics.ONDE_CHANGES).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-reason", "database unavailable".getBytes(StandardCharsets.UTF_8));
        TestKafka.send(new ProducerRecord<>(dlq, 0, "0593587D", school("0593587D", "École Pasteur"), headers));
        List<ConsumerRecord<String, String>> stored = TestKafka.read(dlq,
                r -> r.stream().anyMatch(x -> "0593587D".equals(x.key())), WITHIN);
        ConsumerRecord<String, String> deadLetter = stored.stream().filter(x -> "0593587D".equals(x.key())).findFirst()
                .orElseThrow();
        String operator = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));

        given().auth().oauth2(operator)
                .post("/api/dead-letters/" + dlq + "/" + deadLetter.partition() + "/" + deadLetter.offset() + "/replay")
                .then().statusCode(200).body("replayed", equalTo(1));

        await().atMost(WITHIN).until(() -> school("0593587D") != null);
        given().auth().oauth2(operator).get("/api/dead-letters/" + dlq).then().statusCode(200)
                .body("find { it.key == '0593587D' }.replayedBy", equalTo("operateur.test"));
        given().auth().oauth2(operator).get("/api/dead-letters/no-such-topic").then().statusCode(404);

        // A second replay of the same record is refused unless forced: it would publish the record twice.
        String again = "/api/dead-letters/" + dlq + "/" + deadLetter.partition() + "/" + deadLetter.offset() + "/replay";
        given().auth().oauth2(operator).post(again).then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("force")).body("detail", org.hamcrest.Matchers.containsString("operateur.test"));
        given().auth().oauth2(operator).post(again + "?force=true").then().statusCode(200).body("replayed", equalTo(1));
    }


    private static void send(String key, UUID id, String payload) {
        TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), key, id, EventTypes.ONDE_SCHOOL_UPSERTED, payload);
    }

    private static String school(String uai, String name) {
        return "{\"uai\":\"" + uai + "\",\"name\":\"" + name + "\",\"type\":null,\"academyCode\":\"01\","
                + "\"academy\":\"PARIS\",\"town\":\"Paris\",\"district\":null,\"departmental\":false}";
    }

    private static School school(String uai) {
        return QuarkusTransaction.requiringNew().call(() -> School.findById(uai));
    }

    private boolean processed(UUID eventId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?")) {
            query.setString(1, OndeChangesConsumer.CONSUMER);
            query.setObject(2, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
