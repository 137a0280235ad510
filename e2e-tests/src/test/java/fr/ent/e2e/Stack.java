package fr.ent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The running stack, as ./ent test describes it in environment variables, and real tokens from its Keycloak. */
final class Stack {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The services and the environment variable that gives each one's base URL. */
    enum Service {
        ONDE_SYNC("ENT_ONDE_SYNC"), CLASS("ENT_CLASS"), IDENTITY("ENT_IDENTITY"), CONTENT("ENT_CONTENT"),
        ROLLOVER("ENT_ROLLOVER");

        private final String variable;

        Service(String variable) {
            this.variable = variable;
        }

        /** On the service's API port. */
        String url(String path) {
            return env(variable + "_URL") + path;
        }

        /** On its management interface: health, metrics, OpenAPI. */
        String managementUrl(String path) {
            return env(variable + "_MANAGEMENT_URL") + path;
        }
    }

    private Stack() {
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the end-to-end tests with ./ent test");
        }
        return value;
    }

    /** A demo user's access token, by the password grant of the local-only ent-cli client. */
    static String userToken(String username) {
        return token(Map.of("grant_type", "password", "client_id", "ent-cli", "username", username,
                "password", env("ENT_DEMO_PASSWORD")));
    }

    /** The token of the confidential service-to-service client (its throwaway secret is the local stack's). */
    static String serviceToken() {
        return token(Map.of("grant_type", "client_credentials", "client_id", "ent-services",
                "client_secret", "local-stack-throwaway-services-secret"));
    }

    static HttpResponse<String> get(String url, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return send(request.build());
    }

    static HttpResponse<String> putJson(String url, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> postJson(String url, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts one file as the multipart form field {@code field}, streamed. */
    static HttpResponse<String> postFile(String url, String token, String field, java.nio.file.Path file) {
        return send(fr.ent.onde.generator.ExportUpload.postFile(URI.create(url), token, field, file, "application/zip"));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static String token(Map<String, String> form) {
        return token("ent", form);
    }

    /** A token of a realm of the stack's Keycloak (master for its administrator). */
    static String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(env("ENT_KEYCLOAK_URL") + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
