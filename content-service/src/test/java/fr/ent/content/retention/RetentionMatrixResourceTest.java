package fr.ent.content.retention;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealServersResource.class)
class RetentionMatrixResourceTest {

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/retention-matrix").then().statusCode(401);
    }

    @Test
    void parentsDoNotSeeTheMatrix() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.PARENT, "0750654D")))
                .get("/api/retention-matrix").then().statusCode(403);
    }

    @Test
    void teachersSeeWhatTheSwitchoverDoesToTheirClassContent() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.ENSEIGNANT, "0750654D")))
                .get("/api/retention-matrix").then().statusCode(200)
                .body("BLOG.CLASS", equalTo("ARCHIVE"))
                .body("MEDIATHEQUE.WORK_GROUP", equalTo("DELETE"))
                .body("MESSAGERIE.PERSONAL", equalTo("KEEP"));
    }
}
