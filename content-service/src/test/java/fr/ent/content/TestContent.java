package fr.ent.content;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What content-service's tests share: events sent as the other services would, tokens, the caller's spaces. */
public final class TestContent {

    private TestContent() {
    }

    /** An event on the test run's topic, after its payload is checked against its JSON Schema. */
    public static void send(String key, String topic, String type, String payload) {
        assertEquals(Set.of(), EventSchemas.violations(type, payload), type + " " + payload);
        TestKafka.sendEvent(TestKafka.topic(topic), key, UUID.randomUUID(), type, payload);
    }

    /** A token of one role for a person of one school (username: the person id in lower case). */
    public static String token(String personId, String role, String uai) {
        return TestTokens.sign(new TestUser(personId.toLowerCase(), personId, Set.of(role), List.of(uai)));
    }

    /** The id of the caller's open space of that ref (class id, group or partnership id, UAI), or null. */
    public static String spaceOf(String token, String ref) {
        return given().auth().oauth2(token).get("/api/me/spaces").then().statusCode(200).extract().jsonPath()
                .getString("find { it.space.ref == '" + ref + "' }.space.id");
    }
}
