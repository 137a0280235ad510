package fr.ent.rollover.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.rollover.school.Schools;
import fr.ent.rollover.switchover.Switchover;
import fr.ent.rollover.switchover.Switchovers;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CNT-5: the teachers of an académie are reminded of the backup deadline at each configured delay before a
 * scheduled switchover (14 and 3 days), once each, in the suite and by e-mail to the address ONDE gives; a switchover
 * scheduled closer than a delay gets only the nearest reminder due; the directeur, not the teachers, is e-mailed
 * that the school is ready.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class RemindersTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Inject
    Reminders reminders;

    @Inject
    Schools schools;

    @Inject
    Sql sql;

    @Inject
    MockMailbox mailbox;

    @Inject
    Switchovers switchovers;

    @BeforeEach
    void emptyMailbox() {
        mailbox.clear();
    }

    @Test
    void teachersAreRemindedFourteenThenThreeDaysBeforeOnceEachInTheSuiteAndByMail() {
        String uai = "0611001G"; // 611001 % 23 = 6 → G
        school(uai, "61");
        staff(uai, "ENS-611-1", "Camille.Martin@ac-test.fr", true, false);
        staff(uai, "ENS-611-2", null, true, false); // no address: in the suite only
        staff(uai, "DIR-611", "directeur.611@ac-test.fr", false, true);
        await().atMost(WITHIN).until(() -> schools.ofAcademy("61").size() == 1 && staffCount(uai) == 3);

        Instant at = Instant.now().plus(10, ChronoUnit.DAYS);
        String id = schedule("61", at);
        // Ten days ahead: the 14-day reminder is due at once, the 3-day one is not.
        String teacher = TestTokens.sign(new TestUser("ens", "ENS-611-1", Set.of(Roles.ENSEIGNANT), List.of(uai)));
        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(teacher).get("/api/me/notifications").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].kind", equalTo("BACKUP_REMINDER_14D"))
                .body("[0].schoolYear", equalTo("2018-2019"))
                .body("[0].message", containsString("aperçu de la bascule (« Avant la bascule » dans l'ENT")));
        await().atMost(WITHIN).until(() -> mailbox.getMailsSentTo("camille.martin@ac-test.fr") != null
                && mailbox.getMailsSentTo("camille.martin@ac-test.fr").size() == 1);
        Mail mail = mailbox.getMailsSentTo("camille.martin@ac-test.fr").get(0);
        assertTrue(mail.getSubject().startsWith("Bascule vers 2019-2020 le "), mail.getSubject());
        assertTrue(mail.getText().contains("sauvegardez avant cette date"), mail.getText());
        assertEquals(1, mailbox.getTotalMessagesSent(), "the teacher with an address only; not the directeur");
        // The directeur does not get the teachers' reminder.
        given().auth().oauth2(TestTokens.sign(new TestUser("dir", "DIR-611", Set.of(Roles.DIRECTEUR), List.of(uai))))
                .get("/api/me/notifications").then().statusCode(200).body("size()", equalTo(0));

        // Seven days later (three days before): the 3-day reminder, once, however often asked. (The service's own
        // scheduler asks every 0.2 s at the real time too: it may hold the switchover for a moment, hence the retries.)
        Instant threeDaysBefore = at.minus(3, ChronoUnit.DAYS).plusSeconds(1);
        await().atMost(WITHIN).until(() -> {
            reminders.sendDue(threeDaysBefore);
            return recorded(id).size() == 2;
        });
        assertEquals(0, reminders.sendDue(threeDaysBefore));
        assertEquals(0, reminders.sendDue(at.minus(1, ChronoUnit.DAYS)));
        given().auth().oauth2(teacher).get("/api/me/notifications").then().body("size()", equalTo(2))
                .body("kind", org.hamcrest.Matchers.hasItems("BACKUP_REMINDER_14D", "BACKUP_REMINDER_3D"));
        await().atMost(WITHIN).until(() -> mailbox.getMailsSentTo("camille.martin@ac-test.fr").size() == 2);
        assertEquals(List.of("P14D:false", "P3D:false"), recorded(id));
        // Published on rollover.notifications as the contract says.
        TestKafka.read(TestKafka.topic(Topics.NOTIFICATIONS), r -> false, Duration.ofSeconds(3)).stream()
                .filter(r -> uai.equals(r.key())).forEach(r -> assertEquals(Set.of(),
                        EventSchemas.violations(EventTypes.ROLLOVER_NOTIFICATION, r.value())));
    }

    @Test
    void aSwitchoverScheduledTwoDaysAheadGetsTheNearestReminderOnly() {
        String uai = "0621001B"; // 621001 % 23 = 1 → B
        school(uai, "62");
        staff(uai, "ENS-621-1", "ens.621@ac-test.fr", true, false);
        await().atMost(WITHIN).until(() -> schools.ofAcademy("62").size() == 1 && staffCount(uai) == 1);
        String id = schedule("62", Instant.now().plus(2, ChronoUnit.DAYS));
        await().atMost(WITHIN).until(() -> recorded(id).size() == 2);
        assertEquals(List.of("P14D:true", "P3D:false"), recorded(id), "the 14-day one passed over, the 3-day one sent");
        String teacher = TestTokens.sign(new TestUser("ens", "ENS-621-1", Set.of(Roles.ENSEIGNANT), List.of(uai)));
        given().auth().oauth2(teacher).get("/api/me/notifications").then().body("size()", equalTo(1))
                .body("[0].kind", equalTo("BACKUP_REMINDER_3D"));
        await().atMost(WITHIN).until(() -> mailbox.getMailsSentTo("ens.621@ac-test.fr") != null
                && mailbox.getMailsSentTo("ens.621@ac-test.fr").size() == 1);
    }

    /** A reminder claimed by an instance that stopped before telling every school is taken up again, once. */
    @Test
    void aReminderClaimedButNotCompletedIsTakenUpAgain() {
        String uai = "0631001W"; // 631001 % 23 = 20 → W
        school(uai, "63");
        staff(uai, "ENS-631-1", "ens.631@ac-test.fr", true, false);
        await().atMost(WITHIN).until(() -> schools.ofAcademy("63").size() == 1 && staffCount(uai) == 1);
        UUID id = UUID.randomUUID();
        Instant at = Instant.now().plus(10, ChronoUnit.DAYS);
        QuarkusTransaction.requiringNew().run(() -> {
            switchovers.insert(new Switchover(id, "63", "2018-2019", "2019-2020", at, Switchover.Status.SCHEDULED,
                    "rectorat.test", Instant.now(), null, null, null, null));
            sql.update("INSERT INTO switchover_reminder (switchover_id, before, recorded_at, schools, passed_over) "
                    + "VALUES (?, 'P14D', now(), 0, false)", id); // claimed, the instance gone before telling anyone
        });
        await().atMost(WITHIN).until(() -> sql.one("SELECT completed_at IS NOT NULL AND schools = 1 FROM "
                + "switchover_reminder WHERE switchover_id = ?", row -> row.getBoolean(1), id).orElse(false));
        String teacher = TestTokens.sign(new TestUser("ens", "ENS-631-1", Set.of(Roles.ENSEIGNANT), List.of(uai)));
        given().auth().oauth2(teacher).get("/api/me/notifications").then().body("size()", equalTo(1))
                .body("[0].kind", equalTo("BACKUP_REMINDER_14D"));
        assertEquals(0, reminders.sendDue(Instant.now()), "completed: nothing more");
        assertEquals(List.of("P14D:false"), recorded(id.toString()));
        await().atMost(WITHIN).until(() -> mailbox.getMailsSentTo("ens.631@ac-test.fr") != null
                && mailbox.getMailsSentTo("ens.631@ac-test.fr").size() == 1);
    }

    private List<String> recorded(String switchoverId) {
        return sql.list("SELECT before, passed_over FROM switchover_reminder WHERE switchover_id = ? ORDER BY before",
                row -> row.getString(1) + ":" + row.getBoolean(2), UUID.fromString(switchoverId));
    }

    private long staffCount(String uai) {
        return sql.one("SELECT count(*) FROM rollover_staff WHERE uai = ?", row -> row.getLong(1), uai).orElse(0L);
    }

    private static String schedule(String academy, Instant at) {
        return given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf(academy))).contentType(ContentType.JSON)
                .body("{\"academyCode\":\"" + academy + "\",\"fromYear\":\"2018-2019\",\"toYear\":\"2019-2020\","
                        + "\"at\":\"" + at + "\"}")
                .post("/api/switchovers").then().statusCode(201).extract().path("id");
    }

    private static void school(String uai, String academy) {
        send(uai, EventTypes.ONDE_SCHOOL_UPSERTED, "{\"uai\":\"" + uai + "\",\"name\":\"École " + uai
                + "\",\"type\":null,\"academyCode\":\"" + academy + "\",\"academy\":null,\"town\":null,"
                + "\"district\":null,\"departmental\":false}");
    }

    private static void staff(String uai, String id, String email, boolean teacher, boolean director) {
        send(uai, EventTypes.ONDE_STAFF_UPSERTED, "{\"uai\":\"" + uai + "\",\"staffId\":\"" + id + "\",\"civility\":"
                + "\"Mme\",\"lastName\":\"Martin\",\"firstName\":\"Camille\",\"email\":" + (email == null ? "null"
                : "\"" + email + "\"") + ",\"teacher\":" + teacher + ",\"director\":" + director + "}");
    }

    private static void send(String uai, String type, String payload) {
        assertEquals(Set.of(), EventSchemas.violations(type, payload), type + " " + payload);
        TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), uai, UUID.randomUUID(), type, payload);
    }
}
