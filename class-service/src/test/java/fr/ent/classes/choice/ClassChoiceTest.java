package fr.ent.classes.choice;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
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
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Structures built from ONDE events on the real broker, and the teacher's class choice on them (CLS-1..3). */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ClassChoiceTest {

    private static final String UAI = "0440002N";
    private static final String OTHER = "0440003P";
    private static final String YEAR = "2018-2019";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTeacherSeesTheClassesOfTheirSchoolWithThreePupilsNamedChoosesOneAndSeesItsPupils() throws Exception {
        OndeEvents.school(UAI, "17", false);
        OndeEvents.school(OTHER, "17", false);
        OndePupil lea = OndeEvents.pupil("ELV-1", "Léa", "Martin", "RESP-1");
        OndePupil zoe = OndeEvents.pupil("ELV-2", "Zoé", "Dupont", "RESP-2");
        OndePupil eloise = OndeEvents.pupil("ELV-3", "Éloïse", "Bernard", "RESP-3");
        OndePupil hugo = OndeEvents.pupil("ELV-4", "Hugo", "Petit", "RESP-4");
        OndePupil jules = OndeEvents.pupil("ELV-5", "Jules", "Roux", "RESP-5");
        OndeEvents.schoolClass(UAI, YEAR, "C-CP", "CP A", List.of("CP"), lea, zoe, eloise, hugo);
        UUID withJules = OndeEvents.schoolClass(UAI, YEAR, "C-CE", "CE1-CE2", List.of("CE1", "CE2"), jules);
        OndeEvents.schoolClass(OTHER, YEAR, "O-CM", "CM1", List.of("CM1"), OndeEvents.pupil("ELV-9", "Max", "Blanc",
                "RESP-9"));
        OndeEvents.teacher(UAI, "ENS-1", false);
        OndeEvents.teacher(UAI, "ENS-2", false);
        OndeEvents.teacher(UAI, "DIR-1", true);
        OndeEvents.teacher(OTHER, "ENS-9", false);
        // Hugo moves to the CE class, Jules leaves the school: both rosters again, then Jules's leaving
        OndeEvents.schoolClass(UAI, YEAR, "C-CP", "CP A", List.of("CP"), lea, zoe, eloise);
        OndeEvents.schoolClass(UAI, YEAR, "C-CE", "CE1-CE2", List.of("CE1", "CE2"), hugo);
        OndeEvents.send(UAI, EventTypes.ONDE_PUPIL_LEFT, new OndePupil.Left(UAI, YEAR, "ELV-5"));
        UUID importId = UUID.randomUUID();
        OndeEvents.marker(UAI, YEAR, importId);

        List<ConsumerRecord<String, String>> acks = read(r -> EventTypes.CLASS_IMPORT_APPLIED.equals(TestKafka.header(r, "ce_type"))
                && r.value().contains(importId.toString()), 1);
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.CLASS_IMPORT_APPLIED, acks.get(0).value()));
        // a redelivered event changes nothing: the old roster with the pupil who left does not bring him back
        OndeEvents.send(UAI, EventTypes.ONDE_CLASS_UPSERTED, OndeEvents.roster(UAI, YEAR, "C-CE", "CE1-CE2",
                List.of("CE1", "CE2"), jules), withJules);
        UUID after = UUID.randomUUID();
        OndeEvents.marker(UAI, YEAR, after);
        read(r -> r.value().contains(after.toString()), 1);

        String teacher = TestTokens.sign(new TestUser("ens1", "ENS-1", Set.of(Roles.ENSEIGNANT), List.of(UAI)));
        JsonPath choice = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(teacher)
                .get("/api/me/class-choice").then().statusCode(200).extract().jsonPath(),
                c -> c.getList("schools[0].classes").size() == 2);
        assertEquals(List.of(UAI), choice.getList("schools.uai"), "only the teacher's school");
        assertEquals(YEAR, choice.getString("schools[0].schoolYear"));
        assertEquals(List.of("Éloïse B.", "Zoé D.", "Léa M."), choice.getList("schools[0].classes.find { it.classId == 'C-CP' }.namedPupils"));
        assertEquals(3, choice.getInt("schools[0].classes.find { it.classId == 'C-CP' }.pupilCount"));
        assertEquals(List.of("Hugo P."), choice.getList("schools[0].classes.find { it.classId == 'C-CE' }.namedPupils"),
                "the pupil who moved is in the new class, the one who left is gone");
        assertEquals(List.of("CE1", "CE2"), choice.getList("schools[0].classes.find { it.classId == 'C-CE' }.levels"));
        assertEquals(List.of(), choice.getList("chosen"));

        given().auth().oauth2(teacher).contentType(ContentType.JSON).body("{\"uai\":\"" + UAI + "\",\"classIds\":[\"C-CP\"]}")
                .post("/api/me/classes").then().statusCode(200).body("chosen.classId", equalTo(List.of("C-CP")));
        List<ConsumerRecord<String, String>> assigned = read(r -> EventTypes.CLASS_TEACHER_ASSIGNED.equals(
                TestKafka.header(r, "ce_type")) && r.value().contains("\"ENS-1\""), 1);
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.CLASS_TEACHER_ASSIGNED, assigned.get(0).value()));
        JsonNode event = JSON.readTree(assigned.get(0).value());
        assertEquals("C-CP", event.get("classId").asText());
        assertEquals(YEAR, event.get("schoolYear").asText());

        given().auth().oauth2(teacher).get("/api/me/classes").then().statusCode(200)
                .body("details.classId", equalTo(List.of("C-CP"))).body("[0].pupils", hasSize(3));

        // a teacher of another school may not choose here, nor configure
        String stranger = TestTokens.sign(new TestUser("ens9", "ENS-9", Set.of(Roles.ENSEIGNANT), List.of(OTHER)));
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"uai\":\"" + UAI + "\",\"classIds\":[\"C-CP\"]}")
                .post("/api/me/classes").then().statusCode(403);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"name\":\"x\",\"levels\":[\"CP\"]}")
                .put("/api/schools/" + UAI + "/classes/C-CP").then().statusCode(403);
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body("{\"uai\":\"" + UAI + "\",\"classIds\":[\"NOPE\"]}")
                .post("/api/me/classes").then().statusCode(404);

        // CLS-3: the class's teacher configures it; a level that does not exist is refused
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body("{\"name\":\"CP des Hiboux\",\"levels\":[\"CP\",\"CX\"]}")
                .put("/api/schools/" + UAI + "/classes/C-CP").then().statusCode(400).body("detail", containsString("CX"))
                .body("field", org.hamcrest.Matchers.equalTo("levels"));
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body("{\"name\":\"CP des Hiboux\",\"levels\":[\"CP\"]}")
                .put("/api/schools/" + UAI + "/classes/C-CP").then().statusCode(200).body("name", equalTo("CP des Hiboux"));
        String otherTeacher = TestTokens.sign(new TestUser("ens2", "ENS-2", Set.of(Roles.ENSEIGNANT), List.of(UAI)));
        given().auth().oauth2(otherTeacher).contentType(ContentType.JSON).body("{\"name\":\"x\",\"levels\":[\"CP\"]}")
                .put("/api/schools/" + UAI + "/classes/C-CP").then().statusCode(403);

        // the directeur follows the rentrée: who chose what, who has not chosen yet
        String directeur = TestTokens.sign(new TestUser("dir1", "DIR-1", Set.of(Roles.DIRECTEUR), List.of(UAI)));
        given().auth().oauth2(directeur).get("/api/schools/" + UAI + "/classes").then().statusCode(200)
                .body("classes.find { it.classId == 'C-CP' }.teachers", equalTo(List.of("ENS-1")))
                .body("teachersWithoutClass", hasItem("ENS-2"))
                .body("teacherNames.'ENS-1'", equalTo("Prénom Nom-ENS-1"))
                .body("teacherNames.'ENS-2'", equalTo("Prénom Nom-ENS-2"));
        given().auth().oauth2(otherTeacher).get("/api/schools/" + UAI + "/classes").then().statusCode(403);
        given().auth().oauth2(TestTokens.sign(new TestUser("dir9", "DIR-9", Set.of(Roles.DIRECTEUR), List.of(OTHER))))
                .get("/api/schools/" + UAI + "/classes").then().statusCode(403);

        // a pupil sees their class, a parent their child's
        given().auth().oauth2(TestTokens.sign(new TestUser("elv1", "ELV-1", Set.of(Roles.ELEVE), List.of(UAI))))
                .get("/api/me/classes").then().statusCode(200).body("details.name", equalTo(List.of("CP des Hiboux")))
                .body("[0].pupils", hasSize(0));
        given().auth().oauth2(TestTokens.sign(new TestUser("resp1", "RESP-1", Set.of(Roles.PARENT), List.of(UAI))))
                .get("/api/me/classes").then().statusCode(200).body("details.classId", equalTo(List.of("C-CP")))
                .body("[0].children", equalTo(List.of("Léa")));
        given().auth().oauth2(TestTokens.sign(new TestUser("elv5", "ELV-5", Set.of(Roles.ELEVE), List.of(UAI))))
                .get("/api/me/classes").then().statusCode(200).body("$", hasSize(0));
    }

    static List<ConsumerRecord<String, String>> read(java.util.function.Predicate<ConsumerRecord<String, String>> wanted,
            int count) {
        List<ConsumerRecord<String, String>> found = TestKafka.read(TestKafka.topic(Topics.CLASS_EVENTS),
                records -> records.stream().filter(wanted).count() >= count, Duration.ofSeconds(30)).stream()
                .filter(wanted).toList();
        assertEquals(count, found.size(), "events on class.events");
        return found;
    }
}
