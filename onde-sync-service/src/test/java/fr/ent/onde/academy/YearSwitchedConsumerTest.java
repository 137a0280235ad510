package fr.ent.onde.academy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The académie's current school year, advanced by year-switched events from the real broker. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class YearSwitchedConsumerTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void aSwitchoverAdvancesTheAcademyOnceAndAWrongOneGoesToTheDeadLetters() {
        String rectorat = TestTokens.sign(TestUser.rectoratOf("99"));
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf("17"))).get("/api/academies/99").then().statusCode(403);
        given().auth().oauth2(rectorat).get("/api/academies/99").then().statusCode(200)
                .body("currentSchoolYear", equalTo("2018-2019"));

        UUID event = UUID.randomUUID();
        String switched = switched("2018-2019", "2019-2020");
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.ROLLOVER_YEAR_SWITCHED, switched));
        send(event, switched);
        await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(rectorat).get("/api/academies/99")
                .then().body("currentSchoolYear", equalTo("2019-2020")));

        send(event, switched);
        send(UUID.randomUUID(), switched);
        send(UUID.randomUUID(), switched("2017-2018", "2018-2019"));
        // A last wrong switch closes the sequence: one key, one partition, so once it is dead-lettered every record
        // before it was handled, and the count below is final.
        send(UUID.randomUUID(), switched("2016-2017", "2017-2018"));

        List<ConsumerRecord<String, String>> dead = TestKafka.read(
                TestKafka.topic("onde-sync-service.year-switched.dlq"), r -> r.size() >= 2, WITHIN);
        assertEquals(2, dead.size(), "only the switches from a past year are refused");
        assertTrue(TestKafka.header(dead.get(0), "dead-letter-reason").contains("from 2017-2018 but it is in 2019-2020"),
                TestKafka.header(dead.get(0), "dead-letter-reason"));
        assertTrue(TestKafka.header(dead.get(1), "dead-letter-reason").contains("from 2016-2017"),
                TestKafka.header(dead.get(1), "dead-letter-reason"));
        given().auth().oauth2(rectorat).get("/api/academies/99").then().body("currentSchoolYear", equalTo("2019-2020"));
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, "0750654D")))
                .get("/api/academies/99").then().statusCode(403);
    }

    private static void send(UUID id, String payload) {
        TestKafka.sendEvent(TestKafka.topic(Topics.YEAR_SWITCHED), "99", id, EventTypes.ROLLOVER_YEAR_SWITCHED, payload);
    }

    private static String switched(String from, String to) {
        return "{\"switchoverId\":\"" + UUID.randomUUID() + "\",\"academyCode\":\"99\",\"fromYear\":\"" + from
                + "\",\"toYear\":\"" + to + "\",\"effectiveAt\":\"2018-09-03T22:00:00Z\"}";
    }
}
