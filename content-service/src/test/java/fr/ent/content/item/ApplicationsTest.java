package fr.ent.content.item;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.TestContent;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The applications' own rules against the real broker and database: what each requires of its items, pupils posting
 * where their teacher opens an application to them, the cahier de liaison's read receipts, messages between people
 * who share a class.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ApplicationsTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UAI = "0580001L"; // 580001 % 23 = 10 → L
    private static final String YEAR = "2020-2021";

    private final String teacher = token("AP-T", Roles.ENSEIGNANT);
    private final String pupil = token("AP-P1", Roles.ELEVE);
    private final String parent1 = token("AP-R1", Roles.PARENT);
    private final String parent2 = token("AP-R2", Roles.PARENT);
    private final String otherPupil = token("AP-P9", Roles.ELEVE);

    @Test
    void eachApplicationKeepsItsRules() throws Exception {
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new OndeClass(UAI, YEAR, "C",
                "CE2", List.of("CE2"), List.of(pupil("AP-P1", "AP-R1"), pupil("AP-P2", "AP-R2")))));
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new OndeClass(UAI, YEAR, "D",
                "CM1", List.of("CM1"), List.of(pupil("AP-P9", "AP-R9")))));
        send(Topics.CLASS_EVENTS, EventTypes.CLASS_TEACHER_ASSIGNED, JSON.writeValueAsString(new TeacherAssigned(UAI, YEAR,
                "C", "AP-T", List.of())));
        String space = await().atMost(WITHIN).until(() -> given().auth().oauth2(teacher).get("/api/me/spaces").then()
                .extract().path("find { it.space.ref == 'C' }.space.id"), id -> id != null);
        await().atMost(WITHIN).until(() -> given().auth().oauth2(otherPupil).get("/api/me/spaces").then()
                .extract().path("find { it.space.ref == 'D' }.space.id") != null);

        // What each application requires of its items.
        create(teacher, space, "GPS", Map.of("lat", 200, "lon", 2)).then().statusCode(400).body("field", equalTo("data.lat"));
        create(teacher, space, "GPS", Map.of("lat", 48.85, "lon", 2.35)).then().statusCode(201);
        create(teacher, space, "AGENDA", Map.of("start", "2021-03-01T10:00:00+01:00", "end", "2021-03-01T09:00:00+01:00"))
                .then().statusCode(400).body("field", equalTo("data.end"));
        create(teacher, space, "AGENDA", Map.of("start", "lundi")).then().statusCode(400).body("field",
                equalTo("data.start"));
        create(teacher, space, "CAHIER_DE_TEXTES", Map.of()).then().statusCode(400).body("field", equalTo("data.day"));
        create(teacher, space, "CAHIER_DE_TEXTES", Map.of("day", "2021-03-01")).then().statusCode(201);
        create(teacher, space, "MEDIATHEQUE", Map.of("kind", "file")).then().statusCode(400).body("field",
                equalTo("data.kind"));
        create(teacher, space, "BLOG", Map.of("images", List.of("pas-un-id"))).then().statusCode(400).body("field",
                equalTo("data.images"));

        // Pupils post where their teacher opens an application to them, and change only what they posted.
        String article = create(teacher, space, "BLOG", Map.of("category", "Classe")).then().statusCode(201).extract()
                .path("id");
        create(pupil, space, "BLOG", Map.of()).then().statusCode(403);
        pupilPosting(parent1, space, List.of("BLOG")).then().statusCode(403);
        pupilPosting(teacher, space, List.of("MESSAGERIE")).then().statusCode(400).body("field", equalTo("applications"));
        pupilPosting(teacher, space, List.of("BLOG")).then().statusCode(200).body("pupilPosting", equalTo(List.of("BLOG")));
        String mine = create(pupil, space, "BLOG", Map.of()).then().statusCode(201).extract().path("id");
        create(pupil, space, "GPS", Map.of("lat", 1, "lon", 1)).then().statusCode(403);
        create(otherPupil, space, "BLOG", Map.of()).then().statusCode(404);
        change(pupil, space, mine).then().statusCode(200).body("title", equalTo("Modifié"));
        change(pupil, space, article).then().statusCode(403);
        given().auth().oauth2(pupil).delete("/api/spaces/" + space + "/items/" + article).then().statusCode(403);
        pupilPosting(teacher, space, List.of()).then().statusCode(200).body("pupilPosting", hasSize(0));
        change(pupil, space, mine).then().statusCode(403);
        create(pupil, space, "BLOG", Map.of()).then().statusCode(403);

        // Cahier de liaison: the families say they read a note; the teacher sees who did and who not yet.
        String note = create(teacher, space, "CAHIER_DE_LIAISON", Map.of()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(parent1).post("/api/spaces/" + space + "/items/" + note + "/read").then().statusCode(204);
        given().auth().oauth2(parent1).post("/api/spaces/" + space + "/items/" + note + "/read").then().statusCode(204);
        given().auth().oauth2(pupil).post("/api/spaces/" + space + "/items/" + note + "/read").then().statusCode(403);
        given().auth().oauth2(parent1).post("/api/spaces/" + space + "/items/" + article + "/read").then()
                .statusCode(400).body("field", equalTo("id"));
        given().auth().oauth2(token("AP-R9", Roles.PARENT)).post("/api/spaces/" + space + "/items/" + note + "/read")
                .then().statusCode(404);
        given().auth().oauth2(teacher).get("/api/spaces/" + space + "/items/" + note + "/reads").then().statusCode(200)
                .body("readBy.personId", equalTo(List.of("AP-R1"))).body("notYet", equalTo(List.of("AP-R2")));
        given().auth().oauth2(parent1).get("/api/spaces/" + space + "/items/" + note + "/reads").then().statusCode(403);

        // Messages between people who share a class; nobody else.
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("to",
                List.of("AP-R1", "AP-R2"), "subject", "Sortie de vendredi", "body", "<p>Prévoir un goûter.</p>"
                        + "<script>x()</script>"))).post("/api/me/messages").then().statusCode(201)
                .body("recipients", equalTo(2));
        given().auth().oauth2(parent1).get("/api/me/messages").then().statusCode(200).body("title",
                equalTo(List.of("Sortie de vendredi"))).body("[0].body", equalTo("<p>Prévoir un goûter.</p>"))
                .body("[0].data.from", equalTo("AP-T")).body("[0].data.read", equalTo(false));
        String received = given().auth().oauth2(parent1).get("/api/me/messages").then().extract().path("[0].id");
        given().auth().oauth2(parent1).post("/api/me/messages/" + received + "/read").then().statusCode(200)
                .body("data.read", equalTo(true));
        given().auth().oauth2(parent2).post("/api/me/messages/" + received + "/read").then().statusCode(404);
        given().auth().oauth2(teacher).get("/api/me/messages?box=sent").then().statusCode(200).body("data.to[0]",
                equalTo(List.of("AP-R1", "AP-R2")));
        given().auth().oauth2(teacher).get("/api/me/messages?box=corbeille").then().statusCode(400);
        given().auth().oauth2(parent1).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("to",
                List.of("AP-T"), "subject", "Re: Sortie"))).post("/api/me/messages").then().statusCode(201);
        given().auth().oauth2(pupil).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("to",
                List.of("AP-P9"), "subject", "Salut"))).post("/api/me/messages").then().statusCode(400)
                .body("field", equalTo("to"));
        given().auth().oauth2(pupil).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("to",
                List.of("AP-P1"), "subject", "Moi"))).post("/api/me/messages").then().statusCode(400);
        given().auth().oauth2(teacher).get("/api/me/messages").then().statusCode(200).body("title",
                equalTo(List.of("Re: Sortie")));
        assertEquals(0, given().auth().oauth2(otherPupil).get("/api/me/messages").then().statusCode(200).extract()
                .jsonPath().getList("$").size());
    }

    private static Response create(String token, String space, String application, Map<String, Object> data)
            throws Exception {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of(
                "application", application, "title", application + " essai", "data", data)))
                .post("/api/spaces/" + space + "/items");
    }

    private static Response change(String token, String space, String item) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"Modifié\",\"body\":null}")
                .put("/api/spaces/" + space + "/items/" + item);
    }

    private static Response pupilPosting(String token, String space, List<String> applications) throws Exception {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of(
                "applications", applications))).put("/api/spaces/" + space + "/pupil-posting");
    }

    private static OndePupil pupil(String id, String responsable) {
        return new OndePupil(id, null, "Prénom", "Nom", "2012-03-04", "CE2",
                List.of(new OndePupil.Link(responsable, "10", true)));
    }

    private static void send(String topic, String type, String payload) {
        TestContent.send(UAI, topic, type, payload);
    }

    private static String token(String personId, String role) {
        return TestContent.token(personId, role, UAI);
    }
}
