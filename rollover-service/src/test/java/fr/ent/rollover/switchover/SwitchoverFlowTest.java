package fr.ent.rollover.switchover;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.rollover.school.Schools;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SEQ-1, SEQ-3 against the real broker and database: request, schedule, cancel, start once, follow to the end. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SwitchoverFlowTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ";

    @Inject
    Switchovers switchovers;

    @Inject
    SwitchoverService service;

    @Inject
    Schools schools;

    @Inject
    Sql sql;

    @BeforeEach
    void noSwitchoverYet() {
        QuarkusTransaction.requiringNew().run(() -> {
            switchovers.deleteAll();
            sql.update("DELETE FROM rollover_academy");
        });
    }

    @Test
    void aRectoratSwitchesItsAcademieNowAndFollowsItUntilEverySchoolIsAcknowledged() {
        List<String> uais = List.of(uai(441001), uai(441002));
        uais.forEach(uai -> school(uai, "44"));
        await().atMost(WITHIN).until(() -> schools.ofAcademy("44").size() == 2);

        JsonPath created = given().auth().oauth2(rectorat("44")).contentType(ContentType.JSON)
                .body("{\"academyCode\":\"44\",\"fromYear\":\"2018-2019\",\"toYear\":\"2019-2020\"}")
                .post("/api/switchovers").then().statusCode(201).body("status", equalTo("RUNNING"))
                .body("requestedBy", equalTo("rectorat.test")).extract().jsonPath();
        String id = created.getString("id");

        List<ConsumerRecord<String, String>> switched = yearSwitched(id);
        assertEquals(1, switched.size(), "published once");
        assertEquals("44", switched.get(0).key());
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.ROLLOVER_YEAR_SWITCHED, switched.get(0).value()));
        assertTrue(switched.get(0).value().contains("\"fromYear\":\"2018-2019\""), switched.get(0).value());

        progress(id).body("status", equalTo("RUNNING")).body("percent", equalTo(0))
                .body("phases[0].participant", equalTo("class-service")).body("phases[0].state", equalTo("RUNNING"))
                .body("phases[0].schoolsTotal", equalTo(2)).body("phases[0].schoolsDone", equalTo(0))
                .body("schools.uai", equalTo(uais));

        acknowledge(id, uais.get(0));
        await().atMost(WITHIN).untilAsserted(() -> progress(id).body("phases[0].schoolsDone", equalTo(1))
                .body("percent", equalTo(16)).body("status", equalTo("RUNNING"))
                .body("schools.find { it.uai == '" + uais.get(0) + "' }.acknowledged.class-service",
                        org.hamcrest.Matchers.notNullValue())
                .body("schools.find { it.uai == '" + uais.get(0) + "' }.state", equalTo("RUNNING"))
                .body("schools.find { it.uai == '" + uais.get(1) + "' }.acknowledged", org.hamcrest.Matchers.anEmptyMap()));
        acknowledge(id, uais.get(1));
        acknowledge(id, uais.get(1)); // redelivered: changes nothing
        await().atMost(WITHIN).untilAsserted(() -> progress(id).body("phases[0].state", equalTo("DONE"))
                .body("phases[1].participant", equalTo("content-service")).body("phases[1].state", equalTo("RUNNING"))
                .body("percent", equalTo(33)).body("status", equalTo("RUNNING")));
        uais.forEach(uai -> contentAcknowledges(id, uai));
        await().atMost(WITHIN).untilAsserted(() -> progress(id).body("phases[1].state", equalTo("DONE"))
                .body("phases[2].participant", equalTo("identity-service")).body("phases[2].state", equalTo("RUNNING"))
                .body("percent", equalTo(66)).body("status", equalTo("RUNNING")));
        uais.forEach(uai -> identityAcknowledges(id, uai));
        await().atMost(WITHIN).untilAsserted(() -> progress(id).body("status", equalTo("COMPLETED"))
                .body("percent", equalTo(100)).body("phases[1].state", equalTo("DONE"))
                .body("phases[1].schoolsDone", equalTo(2)).body("schools.state", org.hamcrest.Matchers.everyItem(
                        equalTo("DONE"))));
        progress(id).body("newYearImport.participant", equalTo("onde-import 2019-2020"))
                .body("newYearImport.state", equalTo("WAITING"));

        // Then the new year's ONDE import, applied school by school by every participant.
        UUID importId = UUID.randomUUID();
        for (String uai : uais) {
            String applied = "{\"importId\":\"" + importId + "\",\"uai\":\"" + uai + "\",\"schoolYear\":\"2019-2020\"}";
            TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), uai, UUID.randomUUID(),
                    EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, "{\"importId\":\"" + importId + "\",\"uai\":\"" + uai
                            + "\",\"schoolYear\":\"2019-2020\",\"complete\":true,\"counts\":{\"pupils\":0,"
                            + "\"rejected\":0,\"classes\":0,\"responsables\":0,\"staff\":0,\"changes\":0}}");
            TestKafka.sendEvent(TestKafka.topic(Topics.CLASS_EVENTS), uai, UUID.randomUUID(),
                    EventTypes.CLASS_IMPORT_APPLIED, applied);
            TestKafka.sendEvent(TestKafka.topic(Topics.CONTENT_EVENTS), uai, UUID.randomUUID(),
                    EventTypes.CONTENT_IMPORT_APPLIED, applied);
            TestKafka.sendEvent(TestKafka.topic(Topics.IDENTITY_EVENTS), uai, UUID.randomUUID(),
                    EventTypes.IDENTITY_IMPORT_APPLIED, applied);
        }
        await().atMost(WITHIN).untilAsserted(() -> progress(id).body("newYearImport.state", equalTo("DONE"))
                .body("newYearImport.schoolsDone", equalTo(2))
                .body("schools.readyAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue())));

        // The académie is now in 2019-2020: the same switch again is refused, and so is one from a year it is not in.
        request("44", "2018-2019", "2019-2020", null).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is in 2019-2020"));
    }

    @Test
    void aScheduledSwitchoverStartsAtItsTimeOnce() {
        Instant at = Instant.now().plusSeconds(2);
        String id = request("45", "2018-2019", "2019-2020", at).then().statusCode(201)
                .body("status", equalTo("SCHEDULED")).extract().path("id");
        progress(id).body("phases[0].state", equalTo("WAITING")).body("percent", equalTo(0));
        await().atMost(WITHIN).untilAsserted(() -> progress(id).body("status", equalTo("COMPLETED")));
        JsonPath done = progress(id).extract().jsonPath();
        assertTrue(!Instant.parse(done.getString("startedAt")).isBefore(at), "not before its time");
        assertEquals(1, yearSwitched(id).size());
    }

    @Test
    void aScheduledSwitchoverIsCancelledUntilItStartsAndAnotherCanThenBeRequested() {
        String id = request("46", "2018-2019", "2019-2020", Instant.now().plus(Duration.ofDays(3))).then()
                .statusCode(201).extract().path("id");
        request("46", "2018-2019", "2019-2020", Instant.now().plus(Duration.ofDays(4))).then().statusCode(409)
                .body("detail", containsString(id));
        given().auth().oauth2(rectorat("17")).post("/api/switchovers/" + id + "/cancel").then().statusCode(404);
        given().auth().oauth2(rectorat("46")).post("/api/switchovers/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("rectorat.test"));
        given().auth().oauth2(rectorat("46")).post("/api/switchovers/" + id + "/cancel").then().statusCode(409)
                .body("detail", containsString("CANCELLED"));
        String now = request("46", "2018-2019", "2019-2020", null).then().statusCode(201)
                .body("status", equalTo("COMPLETED")).extract().path("id"); // no school of académie 46: nothing to wait for
        given().auth().oauth2(rectorat("46")).post("/api/switchovers/" + now + "/cancel").then().statusCode(409);
        assertEquals(0, yearSwitched(id, Duration.ofSeconds(2)).size(), "a cancelled switchover publishes nothing");
    }

    /** Several instances (here: threads) reaching the same due switchover at once: one starts it. */
    @Test
    void aDueSwitchoverStartedFromSeveralPlacesAtOnceIsPublishedOnce() throws Exception {
        UUID id = UUID.randomUUID();
        Instant past = Instant.now().minusSeconds(1);
        QuarkusTransaction.requiringNew().run(() -> switchovers.insert(new Switchover(id, "47", "2018-2019",
                "2019-2020", past, Switchover.Status.SCHEDULED, "rectorat.test", past, null, null, null, null)));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(() -> service.start(id));
            }
            int started = 0;
            for (Future<Boolean> start : threads.invokeAll(starts)) {
                started += start.get() ? 1 : 0;
            }
            assertTrue(started <= 1, "at most one of the callers starts it (the scheduler may have been first)");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1L, sql.one("SELECT count(*) FROM outbox_event WHERE subject = ?", row -> row.getLong(1),
                id.toString()).orElseThrow());
        assertEquals(1, yearSwitched(id.toString()).size());
    }

    @Test
    void badRequestsChangeNothingAndSayWhy() {
        request("48", "2018-2019", "2020-2021", null).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("toYear")).body("detail", containsString("2019-2020"));
        request("48", "2017-2018", "2018-2019", null).then().statusCode(409).body("field", equalTo("fromYear"))
                .body("detail", containsString("is in 2018-2019"));
        request("48", "2018-2019", "2019-2020", Instant.now().minusSeconds(60)).then().statusCode(400)
                .body("field", equalTo("at"));
        request("48", "2018-2019", "2019-2020", Instant.now().plus(Duration.ofDays(800))).then().statusCode(400)
                .body("field", equalTo("at"));
        given().auth().oauth2(rectorat("48")).contentType(ContentType.JSON)
                .body("{\"academyCode\":\"48\",\"fromYear\":\"2018/2019\",\"toYear\":\"2019-2020\"}")
                .post("/api/switchovers").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(rectorat("48")).contentType(ContentType.JSON)
                .body("{\"academyCode\":\"48\",\"fromYear\":\"2018-2019\",\"toYear\":\"2019-2020\",\"at\":\"demain\"}")
                .post("/api/switchovers").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(rectorat("48")).contentType(ContentType.JSON).body("{not json")
                .post("/api/switchovers").then().statusCode(400).contentType("application/problem+json");
        assertEquals(List.of(), switchovers.list(List.of("48")), "nothing recorded");
    }

    @Test
    void onlyTheRectoratOfTheAcademieRequestsItsSwitchover() {
        String body = "{\"academyCode\":\"49\",\"fromYear\":\"2018-2019\",\"toYear\":\"2019-2020\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/switchovers").then().statusCode(401);
        given().auth().oauth2(rectorat("17")).contentType(ContentType.JSON).body(body).post("/api/switchovers")
                .then().statusCode(403).contentType("application/problem+json");
        for (String role : List.of(Roles.OPERATEUR, Roles.DIRECTEUR, Roles.ENSEIGNANT)) {
            given().auth().oauth2(TestTokens.sign(TestUser.withRole(role, uai(491001)))).contentType(ContentType.JSON)
                    .body(body).post("/api/switchovers").then().statusCode(403);
        }
        assertEquals(List.of(), switchovers.list(List.of("49")), "nothing recorded");
        String id = request("49", "2018-2019", "2019-2020", Instant.now().plus(Duration.ofDays(1))).then()
                .statusCode(201).extract().path("id");
        given().auth().oauth2(rectorat("17")).get("/api/switchovers/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR))).get("/api/switchovers/" + id)
                .then().statusCode(200).body("academyCode", equalTo("49"));
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)))
                .post("/api/switchovers/" + id + "/cancel").then().statusCode(403);
    }

    @Test
    void aDueSwitchoverWaitsUntilEveryParticipantAppliedTheLastOndeImportThenStarts() {
        String uai = uai(521001);
        school(uai, "52");
        UUID importId = UUID.randomUUID();
        // The last import's marker is seen; class-service applied it, content-service and identity-service not yet.
        onde(uai, EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, "{\"importId\":\"" + importId + "\",\"uai\":\"" + uai
                + "\",\"schoolYear\":\"2018-2019\",\"complete\":true,\"counts\":{\"pupils\":1,\"rejected\":0,"
                + "\"classes\":1,\"responsables\":1,\"staff\":1,\"changes\":3}}");
        importApplied(Topics.CLASS_EVENTS, EventTypes.CLASS_IMPORT_APPLIED, importId, uai);
        await().atMost(WITHIN).until(() -> service.behindOnImports("52").equals(Map.of("content-service", 1,
                "identity-service", 1)));

        String id = request("52", "2018-2019", "2019-2020", null).then().statusCode(201)
                .body("status", equalTo("SCHEDULED")).extract().path("id");
        progress(id).body("status", equalTo("SCHEDULED")).body("startHeldBy.content-service", equalTo(1))
                .body("startHeldBy.identity-service", equalTo(1));
        assertEquals(List.of(), yearSwitched(id, Duration.ofSeconds(2)), "not published while it waits");

        importApplied(Topics.CONTENT_EVENTS, EventTypes.CONTENT_IMPORT_APPLIED, importId, uai);
        importApplied(Topics.IDENTITY_EVENTS, EventTypes.IDENTITY_IMPORT_APPLIED, importId, uai);
        await().atMost(WITHIN).untilAsserted(() -> progress(id).body("status", equalTo("RUNNING"))
                .body("startHeldBy", org.hamcrest.Matchers.nullValue()));
        assertEquals(1, yearSwitched(id).size());
    }

    /**
     * The service stops at the moment of publishing: the start's transaction (marked started, year advanced, schools
     * recorded, year-switched written to the outbox) is refused at the outbox row, as a crash before the commit would
     * leave it. Nothing of it remains; the next round starts it, and year-switched is published once.
     */
    @Test
    void aStartThatDiesAtTheMomentOfPublishingLeavesNothingAndIsPublishedOnceAfter() {
        String uai = uai(531001);
        school(uai, "53");
        await().atMost(WITHIN).until(() -> schools.ofAcademy("53").size() == 1);
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("CREATE SEQUENCE IF NOT EXISTS test_publish_attempts");
            sql.update("CREATE OR REPLACE FUNCTION test_die_when_publishing() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.type = '" + EventTypes.ROLLOVER_YEAR_SWITCHED + "' AND nextval('test_publish_attempts') = 1 "
                    + "THEN RAISE EXCEPTION 'the service stops while publishing'; END IF; RETURN NEW; END $$ "
                    + "LANGUAGE plpgsql");
            sql.update("CREATE TRIGGER test_die_when_publishing BEFORE INSERT ON outbox_event FOR EACH ROW "
                    + "EXECUTE FUNCTION test_die_when_publishing()");
        });
        try {
            String id = request("53", "2018-2019", "2019-2020", Instant.now().plusSeconds(1)).then().statusCode(201)
                    .extract().path("id");
            await().atMost(WITHIN).untilAsserted(() -> progress(id).body("status", equalTo("RUNNING")));
            long attempts = sql.one("SELECT last_value FROM test_publish_attempts", row -> row.getLong(1)).orElseThrow();
            assertTrue(attempts >= 2, "the first start died, a later one went through: " + attempts);
            assertEquals(1, yearSwitched(id).size(), "published once");
            assertEquals(1L, sql.one("SELECT count(*) FROM outbox_event WHERE subject = ?", row -> row.getLong(1), id)
                    .orElseThrow(), "one outbox row");
            assertEquals("2019-2020", given().auth().oauth2(rectorat("53")).get("/api/switchovers/" + id).then()
                    .extract().path("toYear"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                sql.update("DROP TRIGGER IF EXISTS test_die_when_publishing ON outbox_event");
                sql.update("DROP FUNCTION IF EXISTS test_die_when_publishing()");
                sql.update("DROP SEQUENCE IF EXISTS test_publish_attempts");
            });
        }
    }

    private static void onde(String uai, String type, String payload) {
        TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), uai, UUID.randomUUID(), type, payload);
    }

    private static void importApplied(String topic, String type, UUID importId, String uai) {
        TestKafka.sendEvent(TestKafka.topic(topic), uai, UUID.randomUUID(), type, "{\"importId\":\"" + importId
                + "\",\"uai\":\"" + uai + "\",\"schoolYear\":\"2018-2019\"}");
    }

    private static io.restassured.response.Response request(String academy, String from, String to, Instant at) {
        return given().auth().oauth2(rectorat(academy)).contentType(ContentType.JSON)
                .body("{\"academyCode\":\"" + academy + "\",\"fromYear\":\"" + from + "\",\"toYear\":\"" + to + "\""
                        + (at == null ? "" : ",\"at\":\"" + at + "\"") + "}")
                .post("/api/switchovers");
    }

    private static io.restassured.response.ValidatableResponse progress(String id) {
        return given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)))
                .get("/api/switchovers/" + id).then().statusCode(200);
    }

    private static String rectorat(String academy) {
        return TestTokens.sign(TestUser.rectoratOf(academy));
    }

    private static List<ConsumerRecord<String, String>> yearSwitched(String id) {
        return yearSwitched(id, WITHIN);
    }

    /** The year-switched events of the switchover, once at least one came or the time is up. */
    private static List<ConsumerRecord<String, String>> yearSwitched(String id, Duration within) {
        String topic = TestKafka.topic(Topics.YEAR_SWITCHED);
        return TestKafka.read(topic, r -> r.stream().anyMatch(x -> x.value().contains(id)), within).stream().filter(x -> x.value().contains(id)).toList();
    }

    private static void school(String uai, String academy) {
        TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), uai, UUID.randomUUID(),
                EventTypes.ONDE_SCHOOL_UPSERTED, "{\"uai\":\"" + uai + "\",\"name\":\"École " + uai + "\",\"type\":null,"
                        + "\"academyCode\":\"" + academy + "\",\"academy\":null,\"town\":null,\"district\":null,"
                        + "\"departmental\":false}");
    }

    private static void acknowledge(String switchoverId, String uai) {
        TestKafka.sendEvent(TestKafka.topic(Topics.CLASS_EVENTS), uai, UUID.randomUUID(),
                EventTypes.CLASS_YEAR_SWITCH_APPLIED, "{\"switchoverId\":\"" + switchoverId + "\",\"uai\":\"" + uai
                        + "\",\"fromYear\":\"2018-2019\",\"toYear\":\"2019-2020\",\"classesClosed\":1,"
                        + "\"teacherLinksEnded\":1,\"groupsEnded\":0,\"partnershipsEnded\":0,"
                        + "\"departmentalPartnershipsKept\":0}");
    }

    private static void contentAcknowledges(String switchoverId, String uai) {
        TestKafka.sendEvent(TestKafka.topic(Topics.CONTENT_EVENTS), uai, UUID.randomUUID(),
                EventTypes.CONTENT_YEAR_SWITCH_APPLIED, "{\"switchoverId\":\"" + switchoverId + "\",\"uai\":\"" + uai
                        + "\",\"fromYear\":\"2018-2019\",\"toYear\":\"2019-2020\",\"spacesClosed\":0,\"counts\":{}}");
    }

    private static void identityAcknowledges(String switchoverId, String uai) {
        TestKafka.sendEvent(TestKafka.topic(Topics.IDENTITY_EVENTS), uai, UUID.randomUUID(),
                EventTypes.IDENTITY_YEAR_SWITCH_APPLIED, "{\"switchoverId\":\"" + switchoverId + "\",\"uai\":\"" + uai
                        + "\",\"fromYear\":\"2018-2019\",\"toYear\":\"2019-2020\",\"pupilAccounts\":0,"
                        + "\"parentAccounts\":0}");
    }

    /** A valid UAI: seven digits and their key letter. */
    private static String uai(int number) {
        String digits = String.format("%07d", number);
        return digits + KEYS.charAt(number % 23);
    }
}
