package fr.ent.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Realms of a test's own in the real Keycloak of the running stack ({@code ENT_KEYCLOAK_URL}, started by ./ent): a
 * copy of the stack's realm export ({@code stack/keycloak/ent-realm.json}: clients, roles, demo logins) under a name
 * made for the run, removed at the end, so that what a test does to users never reaches the stack's realm.
 */
public final class KeycloakRealms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakRealms() {
    }

    /** The stack's Keycloak, or a precise failure when the test was not started by ./ent test. */
    public static String url() {
        String url = System.getenv("ENT_KEYCLOAK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("ENT_KEYCLOAK_URL is not set: run this test with ./ent test");
        }
        return url;
    }

    /**
     * Creates a copy of the realm export found at {@code export} (relative to the module, e.g.
     * {@code ../stack/keycloak/ent-realm.json}) named {@code prefix} and a random suffix; returns its name.
     */
    public static String createCopy(Path export, String prefix) {
        String realm = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try {
            ObjectNode copy = (ObjectNode) JSON.readTree(export.toFile());
            copy.put("realm", realm);
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms"))
                    .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(copy))).build());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Keycloak refused the test realm (" + created.statusCode() + "): "
                        + created.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not read the realm export " + export, e);
        }
        return realm;
    }

    public static void delete(String realm) {
        send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm))
                .header("Authorization", "Bearer " + adminToken()).DELETE().build());
    }

    /** A token of the Keycloak administrator (the local stack's throwaway credentials unless told others). */
    public static String adminToken() {
        String user = System.getenv().getOrDefault("ENT_KEYCLOAK_ADMIN", "admin");
        String password = System.getenv().getOrDefault("ENT_KEYCLOAK_ADMIN_PASSWORD", "local-stack-throwaway-admin");
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(user) + "&password=" + enc(password);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        try {
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no admin token from Keycloak (" + response.statusCode() + ")", e);
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static HttpResponse<String> send(HttpRequest request) {
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
