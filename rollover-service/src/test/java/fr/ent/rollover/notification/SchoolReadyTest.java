package fr.ent.rollover.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A school's directeur is told once, when every participant has applied an ONDE import of the year for the school —
 * whatever the order in which rollover-service reads the marker and the acknowledgements.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SchoolReadyTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String UAI = "0442001L"; // key: 442001 % 23 = 10 → L
    private static final String YEAR = "2019-2020";

    @Inject
    MockMailbox mailbox;

    @Test
    void theDirecteurIsNotifiedOnceWhenEveryParticipantAppliedTheImport() {
        mailbox.clear();
        staff("DIR-442", "Directrice.442@ac-test.fr", false, true);
        staff("ENS-442", "enseignant.442@ac-test.fr", true, false);
        UUID first = UUID.randomUUID();
        // One participant's acknowledgement before the marker is read: not ready yet.
        applied(Topics.CLASS_EVENTS, EventTypes.CLASS_IMPORT_APPLIED, first);
        marker(first);
        String directeur = TestTokens.sign(new TestUser("dir", "DIR-442", Set.of(Roles.DIRECTEUR), List.of(UAI)));
        await().pollDelay(Duration.ofSeconds(2)).atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(directeur)
                .get("/api/me/notifications").then().statusCode(200).body("size()", equalTo(0)));
        applied(Topics.CONTENT_EVENTS, EventTypes.CONTENT_IMPORT_APPLIED, first);
        applied(Topics.IDENTITY_EVENTS, EventTypes.IDENTITY_IMPORT_APPLIED, first);
        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(directeur).get("/api/me/notifications")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].kind", equalTo("SCHOOL_READY"))
                .body("[0].message", containsString("les enseignants peuvent choisir leur classe"))
                .body("[0].read", equalTo(false)));

        // A second import of the same year, applied by every participant: no second notification.
        UUID second = UUID.randomUUID();
        marker(second);
        applied(Topics.CLASS_EVENTS, EventTypes.CLASS_IMPORT_APPLIED, second);
        applied(Topics.CONTENT_EVENTS, EventTypes.CONTENT_IMPORT_APPLIED, second);
        applied(Topics.IDENTITY_EVENTS, EventTypes.IDENTITY_IMPORT_APPLIED, second);
        List<ConsumerRecord<String, String>> published = TestKafka.read(TestKafka.topic(Topics.NOTIFICATIONS),
                r -> false, Duration.ofSeconds(4)).stream().filter(r -> UAI.equals(r.key())).toList();
        assertEquals(1, published.size(), "published once on rollover.notifications");
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.ROLLOVER_NOTIFICATION, published.get(0).value()));
        given().auth().oauth2(directeur).get("/api/me/notifications").then().body("size()", equalTo(1));
        // E-mailed once, to the directeur ONDE names (address in lower case), not to the school's teachers.
        await().atMost(WITHIN).until(() -> mailbox.getTotalMessagesSent() >= 1);
        assertEquals(1, mailbox.getTotalMessagesSent());
        Mail mail = mailbox.getMailsSentTo("directrice.442@ac-test.fr").get(0);
        assertEquals("Les données de votre école sont prêtes", mail.getSubject());
        assertTrue(mail.getText().contains("Les données " + YEAR + " de votre école (" + UAI + ") sont prêtes"));

        String id = given().auth().oauth2(directeur).get("/api/me/notifications").then().extract().path("[0].id");
        given().auth().oauth2(directeur).post("/api/me/notifications/" + id + "/read").then().statusCode(204);
        given().auth().oauth2(directeur).get("/api/me/notifications").then().body("[0].read", equalTo(true));
        // Another school's directeur, or a teacher of this one, sees nothing and cannot mark it.
        String other = TestTokens.sign(new TestUser("dir2", "DIR-X", Set.of(Roles.DIRECTEUR), List.of("0750654D")));
        given().auth().oauth2(other).get("/api/me/notifications").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(other).post("/api/me/notifications/" + id + "/read").then().statusCode(404);
        given().auth().oauth2(TestTokens.sign(new TestUser("ens", "ENS-442", Set.of(Roles.ENSEIGNANT), List.of(UAI))))
                .get("/api/me/notifications").then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/me/notifications").then().statusCode(401);
    }

    private static void staff(String id, String email, boolean teacher, boolean director) {
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_STAFF_UPSERTED, "{\"uai\":\"" + UAI + "\",\"staffId\":\"" + id
                + "\",\"civility\":\"Mme\",\"lastName\":\"Durand\",\"firstName\":\"Alix\",\"email\":\"" + email
                + "\",\"teacher\":" + teacher + ",\"director\":" + director + "}");
    }

    private static void marker(UUID importId) {
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, "{\"importId\":\"" + importId + "\",\"uai\":\""
                + UAI + "\",\"schoolYear\":\"" + YEAR + "\",\"complete\":true,\"counts\":{\"pupils\":1,\"rejected\":0,"
                + "\"classes\":1,\"responsables\":1,\"staff\":1,\"changes\":3}}");
    }

    private static void applied(String topic, String type, UUID importId) {
        send(topic, type, "{\"importId\":\"" + importId + "\",\"uai\":\"" + UAI + "\",\"schoolYear\":\"" + YEAR + "\"}");
    }

    private static void send(String topic, String type, String payload) {
        assertEquals(Set.of(), EventSchemas.violations(type, payload), type + " " + payload);
        TestKafka.sendEvent(TestKafka.topic(topic), UAI, UUID.randomUUID(), type, payload);
    }
}
