package fr.ent.content.switchover;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A switchover that fails midway — the second school's commit refused, as a full disk would — leaves the first
 * school done and the second untouched; replayed once the cause is fixed, it does the second school and nothing more
 * to the first: no archive copied twice, one acknowledgement each.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SwitchoverResumeTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String ACADEMY = "53";
    private static final String DONE_FIRST = "0530001N";
    private static final String FAILS_FIRST = "0530002P";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSwitchoverStoppedMidwayIsResumedWithoutLossOrDoubleCopies() throws Exception {
        for (String uai : List.of(DONE_FIRST, FAILS_FIRST)) {
            send(uai, Topics.ONDE_CHANGES, EventTypes.ONDE_SCHOOL_UPSERTED, "{\"uai\":\"" + uai + "\",\"name\":\"École\","
                    + "\"type\":null,\"academyCode\":\"" + ACADEMY + "\",\"academy\":null,\"town\":null,"
                    + "\"district\":null,\"departmental\":false}");
            send(uai, Topics.ONDE_CHANGES, EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new OndeClass(uai,
                    "2018-2019", "C1", "CP", List.of("CP"), List.of(new OndePupil("ELV-" + uai, null, "Lou", "Roy",
                            "2012-01-01", "CP", List.of(new OndePupil.Link("RESP-" + uai, "10", true)))))));
            send(uai, Topics.CLASS_EVENTS, EventTypes.CLASS_TEACHER_ASSIGNED, JSON.writeValueAsString(
                    new TeacherAssigned(uai, "2018-2019", "C1", "ENS-" + uai, List.of())));
        }
        for (String uai : List.of(DONE_FIRST, FAILS_FIRST)) {
            String teacher = teacher(uai);
            String space = await().atMost(WITHIN).until(() -> given().auth().oauth2(teacher).get("/api/me/spaces")
                    .then().extract().path("find { it.space.ref == 'C1' }.space.id"), id -> id != null);
            given().auth().oauth2(teacher).contentType(ContentType.JSON)
                    .body("{\"application\":\"BLOG\",\"title\":\"Sortie\",\"body\":\"Au musée\"}")
                    .post("/api/spaces/" + space + "/items").then().statusCode(201);
        }
        execute("CREATE OR REPLACE FUNCTION refuse_second_school() RETURNS trigger AS $$ BEGIN IF NEW.uai = '"
                + FAILS_FIRST + "' THEN RAISE EXCEPTION 'no space left on device (test)'; END IF; RETURN NEW; END $$ "
                + "LANGUAGE plpgsql");
        execute("CREATE TRIGGER refuse_second_school BEFORE INSERT ON content_year_switch FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_second_school()");
        UUID switchover = UUID.randomUUID();
        try {
            send(ACADEMY, Topics.YEAR_SWITCHED, EventTypes.ROLLOVER_YEAR_SWITCHED, JSON.writeValueAsString(
                    new YearSwitched(switchover, ACADEMY, "2018-2019", "2019-2020", Instant.now())));
            String dlq = TestKafka.topic("content-service.year-switched.dlq");
            List<ConsumerRecord<String, String>> dead = TestKafka.read(dlq,
                    r -> r.stream().anyMatch(x -> x.value().contains(switchover.toString())), WITHIN);
            assertTrue(dead.stream().anyMatch(x -> x.value().contains(switchover.toString())), "dead-lettered");
            assertEquals(1, acknowledgements(switchover, DONE_FIRST), "the first school is done");
            assertEquals(0, acknowledgements(switchover, FAILS_FIRST));
            assertEquals(0, recoverable(FAILS_FIRST), "nothing archived for the school that failed");
            assertEquals(1, recoverable(DONE_FIRST));
        } finally {
            execute("DROP TRIGGER refuse_second_school ON content_year_switch");
        }

        // The cause fixed, an operator replays the dead letter: the second school is done, the first not again.
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)))
                .post("/api/dead-letters/" + TestKafka.topic("content-service.year-switched.dlq") + "/replay").then()
                .statusCode(200);
        await().atMost(WITHIN).until(() -> acknowledgements(switchover, FAILS_FIRST) == 1);
        assertEquals(1, acknowledgements(switchover, DONE_FIRST), "one acknowledgement for the first school");
        assertEquals(1, recoverable(DONE_FIRST), "no archive copied twice");
        assertEquals(1, recoverable(FAILS_FIRST), "the second school's blog archived for its teacher");
    }

    private static long acknowledgements(UUID switchover, String uai) {
        return TestKafka.read(TestKafka.topic(Topics.CONTENT_EVENTS), r -> false, Duration.ofSeconds(2)).stream()
                .filter(r -> r.value().contains(switchover.toString()) && uai.equals(r.key())).count();
    }

    private static int recoverable(String uai) {
        return given().auth().oauth2(teacher(uai)).get("/api/me/recovery").then().statusCode(200).extract()
                .path("total");
    }

    private static String teacher(String uai) {
        return TestTokens.sign(new TestUser("ens", "ENS-" + uai, Set.of(Roles.ENSEIGNANT), List.of(uai)));
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void send(String key, String topic, String type, String payload) {
        TestKafka.sendEvent(TestKafka.topic(topic), key, UUID.randomUUID(), type, payload);
    }
}
