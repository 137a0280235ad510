package fr.ent.content.space;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A class space's pupils and parents follow ONDE's rosters: a pupil who moves to another class leaves the old class's
 * space with their responsable, a class ONDE no longer has loses its members; each import's marker is acknowledged
 * once everything before it is applied.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ClassMembersTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UAI = "0540001H"; // key: 540001 % 23 = 7 → H
    private static final String YEAR = "2018-2019";

    @Test
    void membersFollowTheRostersAndTheImportIsAcknowledged() throws Exception {
        roster("C-A", pupil("ELV-A1", "RESP-A1"), pupil("ELV-A2", "RESP-A2"));
        roster("C-B", pupil("ELV-B1", "RESP-B1"));
        await().atMost(WITHIN).until(() -> classesOf("ELV-A2", Roles.ELEVE).equals(List.of("C-A")));
        assertEquals(List.of("C-A"), classesOf("RESP-A2", Roles.PARENT));

        // ELV-A2 moves to C-B: both rosters are published again; C-A then goes (its last pupil leaves ONDE).
        roster("C-A", pupil("ELV-A1", "RESP-A1"));
        roster("C-B", pupil("ELV-B1", "RESP-B1"), pupil("ELV-A2", "RESP-A2"));
        send(EventTypes.ONDE_CLASS_REMOVED, JSON.writeValueAsString(new OndeClass.Removed(UAI, YEAR, "C-A")));
        UUID importId = UUID.randomUUID();
        send(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, "{\"importId\":\"" + importId + "\",\"uai\":\"" + UAI
                + "\",\"schoolYear\":\"" + YEAR + "\",\"complete\":false,\"counts\":{\"pupils\":3,\"rejected\":0,"
                + "\"classes\":1,\"responsables\":3,\"staff\":0,\"changes\":3}}");

        List<ConsumerRecord<String, String>> acks = TestKafka.read(TestKafka.topic(Topics.CONTENT_EVENTS),
                r -> r.stream().anyMatch(x -> x.value().contains(importId.toString())), WITHIN).stream()
                .filter(x -> x.value().contains(importId.toString())).toList();
        assertEquals(1, acks.size());
        assertEquals(EventTypes.CONTENT_IMPORT_APPLIED, TestKafka.header(acks.get(0), "ce_type"));
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.CONTENT_IMPORT_APPLIED, acks.get(0).value()));
        // Acknowledged once everything before the marker is applied: the members are as the last rosters say.
        assertEquals(List.of("C-B"), classesOf("ELV-A2", Roles.ELEVE));
        assertEquals(List.of("C-B"), classesOf("RESP-A2", Roles.PARENT));
        assertEquals(List.of(), classesOf("ELV-A1", Roles.ELEVE), "C-A has no members once ONDE removed it");
        assertEquals(List.of(), classesOf("RESP-A1", Roles.PARENT));
    }

    private static List<String> classesOf(String person, String role) {
        return given().auth().oauth2(TestTokens.sign(new TestUser(person.toLowerCase(), person, Set.of(role),
                List.of(UAI)))).get("/api/me/spaces").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.space.kind == 'CLASS' }.space.ref", String.class);
    }

    private static OndePupil pupil(String id, String responsable) {
        return new OndePupil(id, null, "Prénom", "Nom", "2012-03-04", "CP",
                List.of(new OndePupil.Link(responsable, "10", true)));
    }

    private static void roster(String classId, OndePupil... pupils) throws Exception {
        send(EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new OndeClass(UAI, YEAR, classId, classId,
                List.of("CP"), List.of(pupils))));
    }

    private static void send(String type, String payload) {
        assertEquals(Set.of(), EventSchemas.violations(type, payload), type + " " + payload);
        TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), UAI, UUID.randomUUID(), type, payload);
    }
}
