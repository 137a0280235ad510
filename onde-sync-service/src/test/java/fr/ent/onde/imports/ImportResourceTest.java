package fr.ent.onde.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealServersResource.class)
class ImportResourceTest {

    @BeforeEach
    void twoImports() {
        QuarkusTransaction.requiringNew().run(() -> {
            OndeImport.deleteAll();
            persist("ENT_2018_Complet_Eleve_0000.xml", Instant.parse("2018-09-03T22:00:00Z"), OndeImport.Status.COMPLETED);
            persist("ENT_2018_Delta_Eleve_0000.xml", Instant.parse("2018-09-04T22:00:00Z"), OndeImport.Status.REFUSED);
        });
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/imports").then().statusCode(401);
    }

    @Test
    void teachersDoNotSeeImports() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.ENSEIGNANT, "0750654D")))
                .get("/api/imports").then().statusCode(403);
    }

    @Test
    void theRectorateSeesTheMostRecentImportsFirst() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.RECTORAT)))
                .get("/api/imports").then().statusCode(200)
                .body("source", contains("ENT_2018_Delta_Eleve_0000.xml", "ENT_2018_Complet_Eleve_0000.xml"))
                .body("status", contains("REFUSED", "COMPLETED"));
    }

    @Test
    void operatorsCanLimitTheList() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)))
                .queryParam("limit", 1).get("/api/imports").then().statusCode(200)
                .body("source", contains("ENT_2018_Delta_Eleve_0000.xml"));
    }

    private static void persist(String source, Instant receivedAt, OndeImport.Status status) {
        OndeImport ondeImport = new OndeImport();
        ondeImport.id = UUID.randomUUID();
        ondeImport.source = source;
        ondeImport.receivedAt = receivedAt;
        ondeImport.status = status;
        ondeImport.persist();
    }
}
