package fr.ent.content.switchover;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.retention.Application;
import fr.ent.content.retention.Fate;
import fr.ent.content.retention.RetentionMatrix;
import fr.ent.content.retention.SpaceKind;
import fr.ent.content.TestContent;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * CNT-1, CNT-2, CNT-6 against the real broker and database: every application of a class space gets an item before
 * the switchover; afterwards each is recoverable by the right teacher(s) only, or gone; nobody reaches the closed
 * class; recovering copies once.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SwitchoverContentTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String ACADEMY = "52";
    private static final String UAI = "0520001U"; // key: 520001 % 23 = 17 → U
    private static final String FROM = "2018-2019";
    private static final String TO = "2019-2020";

    private final String teacher1 = token("ENS-1", Roles.ENSEIGNANT);
    private final String teacher2 = token("ENS-2", Roles.ENSEIGNANT);
    private final String pupil = token("ELV-1", Roles.ELEVE);
    private final String parent = token("RESP-1", Roles.PARENT);

    @Test
    void theMatrixIsAppliedCellByCellAndTheRightTeachersRecoverWhatWasArchived() throws Exception {
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_SCHOOL_UPSERTED, "{\"uai\":\"" + UAI + "\",\"name\":\"École\","
                + "\"type\":null,\"academyCode\":\"" + ACADEMY + "\",\"academy\":null,\"town\":null,\"district\":null,"
                + "\"departmental\":false}");
        roster(FROM, "C-CM1", "ELV-1", "RESP-1");
        teacher(FROM, "C-CM1", "ENS-1");
        teacher(FROM, "C-CM1", "ENS-2");
        String space = await().atMost(WITHIN).until(() -> classSpace(teacher1, "C-CM1"), id -> id != null);
        await().atMost(WITHIN).until(() -> classSpace(teacher2, "C-CM1") != null);
        assertEquals(space, classSpace(pupil, "C-CM1"), "the pupil is a member");
        assertEquals(space, classSpace(parent, "C-CM1"), "their parent too");

        // One item of every application a class space has, by the first teacher; a map point and a contest by each.
        Map<Application, String> byTeacher1 = new HashMap<>();
        for (Application application : Application.values()) {
            if (RetentionMatrix.fate(application, SpaceKind.CLASS).isEmpty()) {
                create(teacher1, space, application).then().statusCode(400).body("field", equalTo("application"));
            } else {
                byTeacher1.put(application, create(teacher1, space, application).then().statusCode(201)
                        .extract().path("id"));
            }
        }
        String gps2 = create(teacher2, space, Application.GPS).then().statusCode(201).extract().path("id");
        String contest2 = create(teacher2, space, Application.CONCOURS_SCOLAIRE).then().statusCode(201).extract()
                .path("id");
        // Members read; only teachers write; strangers see nothing.
        given().auth().oauth2(pupil).get("/api/spaces/" + space + "/items").then().statusCode(200)
                .body("size()", equalTo(byTeacher1.size() + 2));
        given().auth().oauth2(parent).get("/api/spaces/" + space + "/items?application=BLOG").then().statusCode(200)
                .body("size()", equalTo(1));
        create(pupil, space, Application.BLOG).then().statusCode(403);
        given().auth().oauth2(token("RESP-OTHER", Roles.PARENT)).get("/api/spaces/" + space + "/items").then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.sign(new TestUser("dir", "DIR-X", Set.of(Roles.DIRECTEUR), List.of("0750654D"))))
                .get("/api/spaces/" + space + "/items").then().statusCode(404);

        // The preview, for the school's directeur, the académie's rectorat and each teacher, says what will happen.
        String directeur = TestTokens.sign(new TestUser("dir", "DIR-1", Set.of(Roles.DIRECTEUR), List.of(UAI)));
        JsonNode preview = JSON.readTree(given().auth().oauth2(directeur).get("/api/schools/" + UAI
                + "/switchover-preview?fromYear=" + FROM).then().statusCode(200).body("spaces", equalTo(1)).extract()
                .asString()).get("counts");
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf(ACADEMY))).get("/api/schools/" + UAI
                + "/switchover-preview?fromYear=" + FROM).then().statusCode(200);
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf("17"))).get("/api/schools/" + UAI
                + "/switchover-preview?fromYear=" + FROM).then().statusCode(403);
        given().auth().oauth2(directeur).get("/api/schools/" + UAI + "/switchover-preview").then().statusCode(400);
        given().auth().oauth2(teacher1).get("/api/me/switchover-preview?fromYear=" + FROM).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].space.ref", equalTo("C-CM1"))
                .body("[0].counts.BLOG.archived", equalTo(1)).body("[0].counts.CAHIER_DE_TEXTES.deleted", equalTo(1));

        // CNT-3: the first teacher backs up the class's media file into her personal space, once; a blog article is
        // not a media file; a pupil may not; a teacher of another class does not see this one.
        String media = byTeacher1.get(Application.MEDIATHEQUE);
        String personal = backUp(teacher1, space, media).then().statusCode(200).body("copied", equalTo(1))
                .body("alreadyCopied", equalTo(0)).body("folder", equalTo("Sauvegarde C-CM1 " + FROM)).extract()
                .path("personalSpaceId");
        backUp(teacher1, space, media).then().statusCode(200).body("copied", equalTo(0)).body("alreadyCopied", equalTo(1));
        backUp(teacher1, space, byTeacher1.get(Application.BLOG)).then().statusCode(400).body("field", equalTo("items"));
        backUp(pupil, space, media).then().statusCode(403);
        backUp(token("ENS-OTHER", Roles.ENSEIGNANT), space, media).then().statusCode(404);
        given().auth().oauth2(teacher1).get("/api/me/spaces").then().statusCode(200)
                .body("find { it.space.kind == 'PERSONAL' }.roles", org.hamcrest.Matchers.contains("OWNER"));

        UUID switchover = UUID.randomUUID();
        String event = JSON.writeValueAsString(new YearSwitched(switchover, ACADEMY, FROM, TO, Instant.now()));
        send(Topics.YEAR_SWITCHED, EventTypes.ROLLOVER_YEAR_SWITCHED, ACADEMY, event);
        JsonNode ack = acknowledgement(switchover);
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.CONTENT_YEAR_SWITCH_APPLIED, ack.toString()));
        assertEquals(1, ack.get("spacesClosed").asInt());
        assertEquals(preview, ack.get("counts"), "the preview is what happened");
        // The backed-up copy is in her personal space, which the switchover keeps; a closed class refuses a backup.
        String backupFolder = given().auth().oauth2(teacher1).get("/api/spaces/" + personal + "/media").then()
                .statusCode(200).body("title", equalTo(List.of("Sauvegarde C-CM1 " + FROM)))
                .body("[0].data.kind", equalTo("folder")).extract().path("[0].id");
        given().auth().oauth2(teacher1).get("/api/spaces/" + personal + "/media?folderId=" + backupFolder).then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].application", equalTo("MEDIATHEQUE"))
                .body("[0].data.folder", equalTo("Sauvegarde C-CM1 " + FROM)).body("[0].data.note", equalTo(1));
        given().auth().oauth2(pupil).get("/api/spaces/" + personal + "/items").then().statusCode(404);
        backUp(teacher1, space, media).then().statusCode(410);
        for (Application application : byTeacher1.keySet()) {
            Fate fate = RetentionMatrix.fate(application, SpaceKind.CLASS).orElseThrow();
            JsonNode counts = ack.get("counts").get(application.name());
            int items = application == Application.GPS || application == Application.CONCOURS_SCOLAIRE ? 2 : 1;
            assertEquals(fate == Fate.ARCHIVE ? items : 0, counts.get("archived").asInt(), application + " " + counts);
            assertEquals(fate == Fate.DELETE ? items : 0, counts.get("deleted").asInt(), application + " " + counts);
            assertEquals(fate == Fate.KEEP ? items : 0, counts.get("kept").asInt(), application + " " + counts);
        }

        // CNT-6: the closed class is gone for everybody, whichever way they ask.
        for (String who : List.of(pupil, parent, teacher1)) {
            given().auth().oauth2(who).get("/api/spaces/" + space + "/items").then().statusCode(410);
            given().auth().oauth2(who).get("/api/spaces/" + space + "/items/" + byTeacher1.get(Application.BLOG))
                    .then().statusCode(410);
        }
        given().auth().oauth2(pupil).get("/api/me/recovery").then().statusCode(403);

        // CNT-2: the class's blog and media for each of its teachers; contests and points for their creator.
        Map<String, List<String>> recoverable1 = recoverable(teacher1);
        Map<String, List<String>> recoverable2 = recoverable(teacher2);
        for (Application application : byTeacher1.keySet()) {
            Fate fate = RetentionMatrix.fate(application, SpaceKind.CLASS).orElseThrow();
            List<String> mine = recoverable1.getOrDefault(application.name(), List.of());
            List<String> theirs = recoverable2.getOrDefault(application.name(), List.of());
            if (fate != Fate.ARCHIVE) {
                assertTrue(mine.isEmpty() && theirs.isEmpty(), application + " is deleted, not archived");
            } else if (RetentionMatrix.creatorOnly(application)) {
                assertEquals(1, mine.size(), application + ": the first teacher's own");
                assertEquals(1, theirs.size(), application + ": the second teacher's own");
            } else {
                assertEquals(1, mine.size(), application + " for each teacher of the class");
                assertEquals(1, theirs.size(), application + " for each teacher of the class");
            }
        }
        assertTrue(gps2 != null && contest2 != null);

        // The same event again does nothing more.
        send(Topics.YEAR_SWITCHED, EventTypes.ROLLOVER_YEAR_SWITCHED, ACADEMY, event);
        assertEquals(recoverable1, recoverable(teacher1));

        // The new year: the first teacher recovers everything into their new class, once.
        roster(TO, "C-CM2", "ELV-1", "RESP-1");
        teacher(TO, "C-CM2", "ENS-1");
        String next = await().atMost(WITHIN).until(() -> classSpace(teacher1, "C-CM2"), id -> id != null);
        List<String> all = recoverable1.values().stream().flatMap(List::stream).toList();
        String selection = JSON.writeValueAsString(Map.of("spaceId", next, "items", all));
        given().auth().oauth2(teacher1).contentType(ContentType.JSON).body(selection).post("/api/me/recovery").then()
                .statusCode(200).body("recovered", equalTo(all.size())).body("alreadyRecovered", equalTo(0));
        given().auth().oauth2(teacher1).contentType(ContentType.JSON).body(selection).post("/api/me/recovery").then()
                .statusCode(200).body("recovered", equalTo(0)).body("alreadyRecovered", equalTo(all.size()));
        given().auth().oauth2(pupil).get("/api/spaces/" + next + "/items").then().statusCode(200)
                .body("size()", equalTo(all.size()));
        // Someone else's archive, or a class the caller does not teach, is refused with the reason.
        String theirs = recoverable2.get(Application.GPS.name()).get(0);
        given().auth().oauth2(teacher1).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(Map.of("spaceId", next, "items", List.of(theirs))))
                .post("/api/me/recovery").then().statusCode(400).body("field", equalTo("items"));
        given().auth().oauth2(teacher2).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(Map.of("spaceId", next, "items", List.of(theirs))))
                .post("/api/me/recovery").then().statusCode(404);
    }

    private static io.restassured.response.Response create(String token, String space, Application application) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"application\":\"" + application + "\",\"title\":\"" + application + " de la classe\","
                        + "\"body\":\"Texte\",\"data\":" + fr.ent.content.ItemSamples.data(application) + "}")
                .post("/api/spaces/" + space + "/items");
    }

    private static io.restassured.response.Response backUp(String token, String space, String item) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"spaceId\":\"" + space + "\",\"items\":[\"" + item + "\"]}").post("/api/me/backup");
    }

    /** Application → ids of the archived items the teacher may recover. */
    private static Map<String, List<String>> recoverable(String token) {
        JsonPath recovery = given().auth().oauth2(token).get("/api/me/recovery").then().statusCode(200).extract()
                .jsonPath();
        Map<String, List<String>> ids = new HashMap<>();
        Map<String, Object> applications = recovery.getMap("applications");
        for (String application : applications.keySet()) {
            ids.put(application, new ArrayList<>(recovery.getList("applications." + application + ".items.id",
                    String.class)));
        }
        return ids;
    }

    private static JsonNode acknowledgement(UUID switchover) throws Exception {
        List<ConsumerRecord<String, String>> records = TestKafka.read(TestKafka.topic(Topics.CONTENT_EVENTS),
                r -> r.stream().anyMatch(x -> x.value().contains(switchover.toString())), WITHIN);
        List<ConsumerRecord<String, String>> ours = records.stream()
                .filter(x -> x.value().contains(switchover.toString())).toList();
        assertEquals(1, ours.size(), "one acknowledgement for the school");
        assertEquals(EventTypes.CONTENT_YEAR_SWITCH_APPLIED, TestKafka.header(ours.get(0), "ce_type"));
        return JSON.readTree(ours.get(0).value());
    }

    private static void roster(String year, String classId, String pupilId, String responsableId) throws Exception {
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new OndeClass(UAI, year,
                classId, classId, List.of("CM1"), List.of(new OndePupil(pupilId, null, "Lou", "Martin", "2009-01-01",
                        "CM1", List.of(new OndePupil.Link(responsableId, "10", true)))))));
    }

    private static void teacher(String year, String classId, String teacherId) throws Exception {
        send(Topics.CLASS_EVENTS, EventTypes.CLASS_TEACHER_ASSIGNED, JSON.writeValueAsString(new TeacherAssigned(UAI,
                year, classId, teacherId, List.of())));
    }

    private static void send(String topic, String type, String payload) {
        send(topic, type, UAI, payload);
    }

    private static String classSpace(String token, String classId) {
        return TestContent.spaceOf(token, classId);
    }

    private static void send(String topic, String type, String key, String payload) {
        TestContent.send(key, topic, type, payload);
    }

    private static String token(String personId, String role) {
        return TestContent.token(personId, role, UAI);
    }
}
