package fr.ent.classes.school;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealServersResource.class)
class SchoolResourceTest {

    @BeforeEach
    void twoSchools() {
        QuarkusTransaction.requiringNew().run(() -> {
            School.deleteAll();
            persist("0750654D", "École Jules Ferry");
            persist("0752524L", "École des Lilas");
        });
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/schools").then().statusCode(401);
    }

    @Test
    void pupilsDoNotListSchools() {
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.ELEVE, "0750654D")))
                .get("/api/schools").then().statusCode(403);
    }

    @Test
    void aDirecteurSeesOnlyTheirSchool() {
        String token = TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, "0750654D"));
        given().auth().oauth2(token).get("/api/schools")
                .then().statusCode(200).body("uai", contains("0750654D"));
        given().auth().oauth2(token).get("/api/schools/0750654D")
                .then().statusCode(200).body("name", equalTo("École Jules Ferry"));
        given().auth().oauth2(token).get("/api/schools/0752524L").then().statusCode(403);
    }

    @Test
    void theRectorateSeesEverySchoolOfItsAcademieAndNoOther() {
        String token = TestTokens.sign(TestUser.rectoratOf("01"));
        given().auth().oauth2(token).get("/api/schools")
                .then().statusCode(200).body("uai", contains("0750654D", "0752524L"));
        given().auth().oauth2(token).get("/api/schools/0750654D").then().statusCode(200);
        // an unknown school and another académie's answer alike
        given().auth().oauth2(token).get("/api/schools/0920131T").then().statusCode(403);
        String other = TestTokens.sign(TestUser.rectoratOf("17"));
        given().auth().oauth2(other).get("/api/schools").then().statusCode(200).body("uai", org.hamcrest.Matchers.empty());
        given().auth().oauth2(other).get("/api/schools/0750654D").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR))).get("/api/schools/0920131T")
                .then().statusCode(404);
        given().auth().oauth2(token).get("/api/schools/0750654E").then().statusCode(400).body("field", equalTo("uai"));
    }

    private static void persist(String uai, String name) {
        School school = new School();
        school.uai = uai;
        school.name = name;
        school.academyCode = "01";
        school.town = "Paris";
        school.persist();
    }
}
