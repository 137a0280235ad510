package fr.ent.identity.sheet;

import fr.ent.testsupport.KeycloakRealms;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * A realm of its own in the real Keycloak of the running stack ({@code ENT_KEYCLOAK_URL}, started by ./ent): a copy of
 * the stack's realm export under a name made for the test run, removed at the end, so that a test's users never meet
 * the stack's. Tests that need it are enabled only where {@code ENT_KEYCLOAK_URL} is set ({@code ./ent test}, CI).
 */
public class KeycloakRealmResource implements QuarkusTestResourceLifecycleManager {

    static final String REALM_PROPERTY = "ent.test.keycloak.realm";
    private String realm;

    @Override
    public Map<String, String> start() {
        String url = KeycloakRealms.url();
        realm = KeycloakRealms.createCopy(Path.of("..", "stack", "keycloak", "ent-realm.json"), "ent-test-");
        System.setProperty(REALM_PROPERTY, realm);
        return Map.of("ent.identity.keycloak.url", url, "ent.identity.keycloak.realm", realm,
                "ent.identity.keycloak.provision-every", "PT0.5S", "ent.identity.keycloak.retry-after", "PT1S");
    }

    @Override
    public void stop() {
        if (realm != null) {
            KeycloakRealms.delete(realm);
        }
    }

    /** The test realm's name ({@link #start} runs in another class loader: the name travels as a system property). */
    static String realm() {
        return System.getProperty(REALM_PROPERTY);
    }

    /** Whether Keycloak gives a token for this login and password (the password grant of the local-only ent-cli). */
    static HttpResponse<String> login(String username, String password) {
        String form = "grant_type=password&client_id=ent-cli&username=" + KeycloakRealms.enc(username)
                + "&password=" + KeycloakRealms.enc(password);
        return KeycloakRealms.send(HttpRequest.newBuilder(URI.create(KeycloakRealms.url() + "/realms/" + realm()
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /**
     * A login that should succeed, asked again a few times a second and a half apart if refused: Keycloak 26's
     * brute-force guard refuses a login it believes runs alongside another of the same user, with the answer of a
     * wrong password — seen once in CI on a user's very first login, no failure before (its event:
     * {@code user_temporarily_disabled}). A wrong password stays refused however often it is asked.
     */
    static HttpResponse<String> loginExpectingSuccess(String username, String password) {
        HttpResponse<String> answer = login(username, password);
        for (int attempt = 1; attempt < 4 && answer.statusCode() != 200; attempt++) {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = login(username, password);
        }
        return answer;
    }

    /** The token endpoint's whole answer, through RestAssured, to read the token's claims. */
    static io.restassured.response.Response loginResponse(String username, String password) {
        loginExpectingSuccess(username, password); // past Keycloak's concurrent-login guard
        return io.restassured.RestAssured.given().baseUri(System.getenv("ENT_KEYCLOAK_URL")).contentType(
                "application/x-www-form-urlencoded").formParam("grant_type", "password").formParam("client_id", "ent-cli")
                .formParam("username", username).formParam("password", password)
                .post("/realms/" + realm() + "/protocol/openid-connect/token");
    }

    /** A user of the test realm made behind identity-service's back, as an operator might have. */
    static void createUser(String username, String personId) {
        HttpResponse<String> created = KeycloakRealms.send(HttpRequest.newBuilder(URI.create(KeycloakRealms.url()
                        + "/admin/realms/" + realm() + "/users"))
                .header("Authorization", "Bearer " + KeycloakRealms.adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\""
                        + username + "\",\"enabled\":true,\"attributes\":{\"person_id\":[\"" + personId + "\"]}}"))
                .build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused user " + username + " (" + created.statusCode() + ")");
        }
    }
}
