package fr.ent.rollover.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.rollover.config.RolloverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a school's classes will lose at the switchover, as content-service's preview says
 * ({@code GET /api/schools/{uai}/switchover-preview}), asked as the suite's service client (client credentials of
 * {@code ent-services}, role {@code service}). Empty when content-service or Keycloak does not answer: a reminder goes
 * out without the figures rather than not at all.
 */
@ApplicationScoped
public class ContentPreviews {

    /** Per application, the items the switchover will archive for recovery and delete. */
    public record Preview(Map<String, Integer> archived, Map<String, Integer> deleted) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final RolloverConfig config;
    private final java.util.Optional<String> realmUrl;
    private final ObjectMapper json;
    private String token;
    private long tokenAt;

    public ContentPreviews(RolloverConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") java.util.Optional<String> realmUrl, ObjectMapper json) {
        this.config = config;
        this.realmUrl = realmUrl;
        this.json = json;
    }

    /** The preview of a school's open spaces of the year; an IOException says why it is missing. */
    public Preview of(String uai, String fromYear) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(config.contentUrl() + "/api/schools/"
                        + uai + "/switchover-preview?fromYear=" + fromYear)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("content-service answered " + answer.statusCode() + " for " + uai);
        }
        Map<String, Integer> archived = new LinkedHashMap<>();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        json.readTree(answer.body()).path("counts").fields().forEachRemaining(e -> {
            int a = e.getValue().path("archived").asInt();
            int d = e.getValue().path("deleted").asInt();
            if (a > 0) {
                archived.put(e.getKey(), a);
            }
            if (d > 0) {
                deleted.put(e.getKey(), d);
            }
        });
        return new Preview(archived, deleted);
    }

    /** The service client's token, asked again after a minute (Keycloak's lifespan is five). */
    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && System.nanoTime() - tokenAt < Duration.ofMinutes(1).toNanos()) {
            return token;
        }
        if (realmUrl.isEmpty()) {
            throw new IOException("no Keycloak realm is configured (quarkus.oidc.auth-server-url)");
        }
        String form = "grant_type=client_credentials&client_id=" + enc(config.serviceClient().id()) + "&client_secret="
                + enc(config.serviceClient().secret());
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl.get()
                        + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = answer.statusCode() == 200 ? json.readTree(answer.body()) : null;
        if (body == null || !body.hasNonNull("access_token")) {
            throw new IOException("Keycloak gave no token to " + config.serviceClient().id() + " (" + answer.statusCode()
                    + ")");
        }
        token = body.get("access_token").asText();
        tokenAt = System.nanoTime();
        return token;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
