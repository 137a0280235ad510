package fr.ent.support.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caller's person, schools and académies as the token's claims give them, whichever shape Keycloak sends. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class CallerTest {

    private static final String PROBE = "/test/caller";

    @Test
    void severalSchoolsAndAcadémiesComeFromArrays() {
        TestUser user = new TestUser("caller.arrays", "ENS-42", Set.of(Roles.ENSEIGNANT),
                List.of("0750654D", "0440001A"), List.of("44", "75"));
        given().auth().oauth2(TestTokens.sign(user)).get(PROBE).then().statusCode(200)
                .body("personId", equalTo("ENS-42"))
                .body("uais", contains("0440001A", "0750654D"))
                .body("academies", contains("44", "75"))
                .body("displayName", equalTo("caller.arrays"))
                .body("sameTwice", equalTo(true));
    }

    @Test
    void oneSchoolMayComeAsAStringAndTheNameClaimNamesTheCaller() {
        TestUser user = TestUser.withRole(Roles.DIRECTEUR);
        String token = TestTokens.sign(user, Map.of("uai", "0750654D", "academie", "75", "name", " Lucie Martin "));
        given().auth().oauth2(token).get(PROBE).then().statusCode(200)
                .body("personId", equalTo(user.personId()))
                .body("uais", contains("0750654D"))
                .body("academies", contains("75"))
                .body("displayName", equalTo("Lucie Martin"));
    }

    @Test
    void aTokenWithoutThemHasNoPersonAndNoSchools() {
        Map<String, Object> none = new HashMap<>();
        none.put("person_id", null);
        none.put("uai", List.of());
        String token = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR), none);
        given().auth().oauth2(token).get(PROBE).then().statusCode(200)
                .body("personId", nullValue())
                .body("uais", empty())
                .body("academies", empty())
                .body("sameTwice", equalTo(true));
    }
}
