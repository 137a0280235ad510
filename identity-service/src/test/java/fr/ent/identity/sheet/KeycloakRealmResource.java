package fr.ent.identity.sheet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A realm of its own in the real Keycloak of the running stack ({@code ENT_KEYCLOAK_URL}, started by ./ent): a copy of
 * the stack's realm export under a name made for the test run, removed at the end, so that a test's users never meet
 * the stack's. Tests that need it are enabled only where {@code ENT_KEYCLOAK_URL} is set ({@code ./ent test}, CI).
 */
public class KeycloakRealmResource implements QuarkusTestResourceLifecycleManager {

    static final String REALM_PROPERTY = "ent.test.keycloak.realm";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String url;
    private String realm;

    @Override
    public Map<String, String> start() {
        url = System.getenv("ENT_KEYCLOAK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("ENT_KEYCLOAK_URL is not set: run this test with ./ent test");
        }
        realm = "ent-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try {
            ObjectNode export = (ObjectNode) JSON.readTree(Path.of("..", "stack", "keycloak", "ent-realm.json").toFile());
            export.put("realm", realm);
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url + "/admin/realms"))
                    .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(export))).build());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Keycloak refused the test realm (" + created.statusCode() + "): "
                        + created.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not read the realm export", e);
        }
        System.setProperty(REALM_PROPERTY, realm);
        return Map.of("ent.identity.keycloak.url", url, "ent.identity.keycloak.realm", realm,
                "ent.identity.keycloak.provision-every", "PT0.5S", "ent.identity.keycloak.retry-after", "PT1S");
    }

    @Override
    public void stop() {
        if (realm != null) {
            send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + realm))
                    .header("Authorization", "Bearer " + adminToken()).DELETE().build());
        }
    }

    /** The test realm's name ({@link #start} runs in another class loader: the name travels as a system property). */
    static String realm() {
        return System.getProperty(REALM_PROPERTY);
    }

    /** Whether Keycloak gives a token for this login and password (the password grant of the local-only ent-cli). */
    static HttpResponse<String> login(String username, String password) {
        String form = "grant_type=password&client_id=ent-cli&username=" + enc(username) + "&password=" + enc(password);
        return send(HttpRequest.newBuilder(URI.create(System.getenv("ENT_KEYCLOAK_URL") + "/realms/" + realm()
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
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(System.getenv("ENT_KEYCLOAK_URL")
                        + "/admin/realms/" + realm() + "/users")).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\""
                        + username + "\",\"enabled\":true,\"attributes\":{\"person_id\":[\"" + personId + "\"]}}"))
                .build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused user " + username + " (" + created.statusCode() + ")");
        }
    }

    private static String adminToken() {
        String user = System.getenv().getOrDefault("ENT_KEYCLOAK_ADMIN", "admin");
        // The local stack's throwaway admin password, as ./ent sets it.
        String password = System.getenv().getOrDefault("ENT_KEYCLOAK_ADMIN_PASSWORD", "local-stack-throwaway-admin");
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(user) + "&password=" + enc(password);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(System.getenv("ENT_KEYCLOAK_URL")
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        try {
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no admin token from Keycloak (" + response.statusCode() + ")", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from Keycloak at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
