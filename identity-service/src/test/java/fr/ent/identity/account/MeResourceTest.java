package fr.ent.identity.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealServersResource.class)
class MeResourceTest {

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/me").then().statusCode(401);
    }

    @Test
    void aTokenWithoutAnEntRoleIsRefused() {
        TestUser stranger = new TestUser("stranger", "X1", Set.of("offline_access"), List.of());
        given().auth().oauth2(TestTokens.sign(stranger)).get("/api/me").then().statusCode(403);
    }

    @Test
    void aTeacherWithoutAnAccountYetIsStillKnownByTheirToken() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.ENSEIGNANT, "0752524L", "0750654D")))
                .get("/api/me").then().statusCode(200)
                .body("personId", equalTo("P-enseignant"))
                .body("login", nullValue())
                .body("uais", contains("0750654D", "0752524L"));
    }
}
