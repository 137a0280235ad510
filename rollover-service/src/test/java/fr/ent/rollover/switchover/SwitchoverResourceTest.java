package fr.ent.rollover.switchover;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealServersResource.class)
class SwitchoverResourceTest {

    @Inject
    Switchovers switchovers;

    @BeforeEach
    void twoSwitchovers() {
        QuarkusTransaction.requiringNew().run(() -> {
            switchovers.deleteAll();
            persist("2017-2018", "2018-2019", Instant.parse("2018-09-03T22:00:00Z"));
            persist("2018-2019", "2019-2020", Instant.parse("2019-09-01T22:00:00Z"));
        });
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/switchovers").then().statusCode(401);
    }

    @Test
    void directeursDoNotListSwitchovers() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, "0750654D")))
                .get("/api/switchovers").then().statusCode(403);
    }

    @Test
    void theRectorateSeesTheLatestSwitchoverOfItsAcademieFirst() {
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf("01")))
                .get("/api/switchovers").then().statusCode(200)
                .body("toYear", contains("2019-2020", "2018-2019"));
    }

    @Test
    void anotherAcademiesRectorateSeesNone() {
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf("17")))
                .get("/api/switchovers").then().statusCode(200)
                .body("toYear", org.hamcrest.Matchers.empty());
    }

    @Test
    void operatorsSeeEveryAcademie() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)))
                .get("/api/switchovers").then().statusCode(200)
                .body("toYear", contains("2019-2020", "2018-2019"));
    }

    /** Cancelled, so that the scheduler leaves these past dates alone. */
    private void persist(String fromYear, String toYear, Instant scheduledAt) {
        switchovers.insert(new Switchover(UUID.randomUUID(), "01", fromYear, toYear, scheduledAt,
                Switchover.Status.CANCELLED, "rectorat.test", scheduledAt, null, null, "rectorat.test", scheduledAt));
    }
}
