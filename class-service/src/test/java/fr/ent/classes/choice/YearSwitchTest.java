package fr.ent.classes.choice;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The switchover in class-service (CLS-1, CLS-4): links, groups and class partnerships end; a departmental
 * partnership keeps its code; running it twice does nothing more.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class YearSwitchTest {

    private static final String ACADEMY = "98";
    private static final String SCHOOL = "0490001K";
    private static final String DEPARTMENTAL = "0490002L";
    private static final String FROM = "2018-2019";
    private static final String TO = "2019-2020";
    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void theSwitchEndsLinksGroupsAndClassPartnershipsButKeepsTheDepartmentalOneAndItsCode() throws Exception {
        OndeEvents.school(SCHOOL, ACADEMY, false);
        OndeEvents.school(DEPARTMENTAL, ACADEMY, true);
        OndeEvents.schoolClass(SCHOOL, FROM, "S-CM", "CM2", List.of("CM2"),
                OndeEvents.pupil("ELV-S1", "Inès", "Leroy", "RESP-S1"));
        OndeEvents.schoolClass(DEPARTMENTAL, FROM, "D-CE", "CE2", List.of("CE2"),
                OndeEvents.pupil("ELV-D1", "Noé", "Garnier", "RESP-D1"));
        OndeEvents.teacher(SCHOOL, "ENS-S", false);
        OndeEvents.teacher(DEPARTMENTAL, "ENS-D", false);
        UUID importId = UUID.randomUUID();
        OndeEvents.marker(SCHOOL, FROM, importId);
        ClassChoiceTest.read(r -> r.value().contains(importId.toString()), 1);

        String teacher = token("ENS-S", SCHOOL);
        String departmentalTeacher = token("ENS-D", DEPARTMENTAL);
        choose(teacher, SCHOOL, "S-CM");
        choose(departmentalTeacher, DEPARTMENTAL, "D-CE");
        String group = given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + SCHOOL + "\",\"name\":\"Chorale\",\"members\":[\"ELV-S1\"]}")
                .post("/api/groups").then().statusCode(201).body("pupils", equalTo(List.of("ELV-S1"))).extract().path("id");
        // Members leave and join: the pupil leaves, then comes back; a teacher of another school may not touch it.
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body("{\"uai\":\"" + SCHOOL + "\",\"members\":[]}")
                .put("/api/groups/" + group + "/members").then().statusCode(200).body("pupils", hasSize(0))
                .body("teachers", equalTo(List.of("ENS-S")));
        given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + SCHOOL + "\",\"members\":[\"ELV-S1\"]}")
                .put("/api/groups/" + group + "/members").then().statusCode(200).body("pupils", equalTo(List.of("ELV-S1")));
        given().auth().oauth2(departmentalTeacher).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + SCHOOL + "\",\"members\":[]}").put("/api/groups/" + group + "/members").then()
                .statusCode(403);
        given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + SCHOOL + "\",\"members\":[\"NOBODY\"]}")
                .put("/api/groups/" + group + "/members").then().statusCode(400).body("field", equalTo("members"));
        given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + SCHOOL + "\",\"name\":\"Chorale\",\"members\":[\"SOMEONE-ELSE\"]}")
                .post("/api/groups").then().statusCode(400);
        String classCode = given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + SCHOOL + "\",\"classId\":\"S-CM\",\"name\":\"Correspondance\"}")
                .post("/api/partnerships").then().statusCode(201).body("departmental", equalTo(false))
                .extract().path("code");
        String departmentalCode = given().auth().oauth2(departmentalTeacher).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + DEPARTMENTAL + "\",\"classId\":\"D-CE\",\"name\":\"Rallye lecture\"}")
                .post("/api/partnerships").then().statusCode(201).body("departmental", equalTo(true))
                .extract().path("code");
        given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"code\":\"" + departmentalCode + "\",\"uai\":\"" + SCHOOL + "\",\"classId\":\"S-CM\"}")
                .post("/api/partnerships/join").then().statusCode(200).body("classes", hasSize(2));

        UUID switchover = UUID.randomUUID();
        String switched = "{\"switchoverId\":\"" + switchover + "\",\"academyCode\":\"" + ACADEMY + "\",\"fromYear\":\""
                + FROM + "\",\"toYear\":\"" + TO + "\",\"effectiveAt\":\"" + Instant.now() + "\"}";
        TestKafka.sendEvent(TestKafka.topic(Topics.YEAR_SWITCHED), ACADEMY, UUID.randomUUID(),
                EventTypes.ROLLOVER_YEAR_SWITCHED, switched);
        List<ConsumerRecord<String, String>> acks = ClassChoiceTest.read(r -> EventTypes.CLASS_YEAR_SWITCH_APPLIED
                .equals(TestKafka.header(r, "ce_type")) && r.value().contains(switchover.toString()), 2);
        for (ConsumerRecord<String, String> ack : acks) {
            assertEquals(Set.of(), EventSchemas.violations(EventTypes.CLASS_YEAR_SWITCH_APPLIED, ack.value()));
            JsonNode counts = JSON.readTree(ack.value());
            assertEquals(1, counts.get("classesClosed").asInt());
            assertEquals(1, counts.get("teacherLinksEnded").asInt());
            if (ack.key().equals(SCHOOL)) {
                assertEquals(1, counts.get("groupsEnded").asInt());
                assertEquals(1, counts.get("partnershipsEnded").asInt());
            } else {
                assertEquals(1, counts.get("departmentalPartnershipsKept").asInt());
            }
        }

        // CLS-4's events: the group's state at each change, the last one ended; the class partnership ended with its
        // class; the departmental one released both classes and goes on.
        List<JsonNode> groupStates = states(EventTypes.CLASS_WORK_GROUP, group, 4);
        assertEquals(List.of(1, 0, 1, 1), groupStates.stream().map(g -> g.get("pupils").size()).toList());
        assertEquals(List.of(false, false, false, true), groupStates.stream().map(g -> g.get("ended").asBoolean()).toList());
        assertEquals(FROM, groupStates.get(3).get("schoolYear").asText());
        List<JsonNode> classPartnership = states(EventTypes.CLASS_PARTNERSHIP, classCode, 2);
        assertEquals(true, classPartnership.get(1).get("ended").asBoolean());
        assertEquals("S-CM", classPartnership.get(1).get("classes").get(0).get("classId").asText());
        List<JsonNode> departmental = states(EventTypes.CLASS_PARTNERSHIP, departmentalCode, 4);
        assertEquals(List.of(1, 2), List.of(departmental.get(0).get("classes").size(), departmental.get(1).get("classes")
                .size()));
        assertEquals(0, departmental.get(3).get("classes").size(), "both classes released");
        assertEquals(false, departmental.get(3).get("ended").asBoolean());
        assertEquals(FROM, departmental.get(3).get("ownerSchoolYear").asText());

        // CLS-1: the new year starts without classes chosen; last year's are no longer offered
        given().auth().oauth2(teacher).get("/api/me/class-choice").then().statusCode(200)
                .body("schools[0].schoolYear", equalTo(TO)).body("schools[0].classes", hasSize(0))
                .body("chosen", hasSize(0));
        given().auth().oauth2(teacher).get("/api/groups?uai=" + SCHOOL).then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(departmentalTeacher).get("/api/partnerships?uai=" + DEPARTMENTAL).then().statusCode(200)
                .body("$", hasSize(0));

        // the new class rejoins the departmental partnership with the same code; the class partnership is over
        OndeEvents.schoolClass(SCHOOL, TO, "S-CM-2019", "CM1-CM2", List.of("CM1", "CM2"),
                OndeEvents.pupil("ELV-S1", "Inès", "Leroy", "RESP-S1"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(teacher)
                .get("/api/me/class-choice").then().body("schools[0].classes", hasSize(1)));
        choose(teacher, SCHOOL, "S-CM-2019");
        given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"code\":\"" + departmentalCode + "\",\"uai\":\"" + SCHOOL + "\",\"classId\":\"S-CM-2019\"}")
                .post("/api/partnerships/join").then().statusCode(200).body("code", equalTo(departmentalCode))
                .body("classes", equalTo(List.of(SCHOOL + "/S-CM-2019")));
        given().auth().oauth2(teacher).contentType(ContentType.JSON)
                .body("{\"code\":\"" + classCode + "\",\"uai\":\"" + SCHOOL + "\",\"classId\":\"S-CM-2019\"}")
                .post("/api/partnerships/join").then().statusCode(410);

        // the same switchover delivered again does nothing more
        TestKafka.sendEvent(TestKafka.topic(Topics.YEAR_SWITCHED), ACADEMY, UUID.randomUUID(),
                EventTypes.ROLLOVER_YEAR_SWITCHED, switched);
        await().atMost(Duration.ofSeconds(20)).until(() -> processedSwitches() == 2);
        // The second delivery was applied (its id recorded, in the transaction of its effect): the outbox, written in
        // that same transaction, holds every acknowledgement there will ever be — still the first two.
        assertEquals(2, acknowledgementsInOutbox(switchover));
        given().auth().oauth2(teacher).get("/api/me/class-choice").then()
                .body("chosen.classId", equalTo(List.of("S-CM-2019")));
    }

    /** The states published of a group (by id) or a partnership (by code), in order, each schema-valid. */
    private static List<JsonNode> states(String type, String idOrCode, int count) throws Exception {
        List<JsonNode> states = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : ClassChoiceTest.read(r -> type.equals(TestKafka.header(r, "ce_type"))
                && r.value().contains("\"" + idOrCode + "\""), count)) {
            assertEquals(Set.of(), EventSchemas.violations(type, record.value()));
            states.add(JSON.readTree(record.value()));
        }
        return states;
    }

    private long acknowledgementsInOutbox(UUID switchover) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE type = ? AND payload LIKE ?")) {
            query.setString(1, EventTypes.CLASS_YEAR_SWITCH_APPLIED);
            query.setString(2, "%" + switchover + "%");
            try (java.sql.ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private long processedSwitches() throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM processed_event WHERE consumer = 'class-service.year-switched'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String token(String personId, String uai) {
        return TestTokens.sign(new TestUser(personId.toLowerCase(), personId, Set.of(Roles.ENSEIGNANT), List.of(uai)));
    }

    private static void choose(String token, String uai, String classId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"uai\":\"" + uai + "\",\"classIds\":[\"" + classId + "\"]}").post("/api/me/classes")
                .then().statusCode(200));
    }
}
