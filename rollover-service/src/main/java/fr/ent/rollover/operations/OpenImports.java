package fr.ent.rollover.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.rollover.config.RolloverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** onde-sync-service's imports that have not ended, asked with the operator's own token ({@code GET /api/imports}). */
@ApplicationScoped
public class OpenImports {

    private static final List<String> ENDED = List.of("COMPLETED", "REFUSED", "FAILED", "DISCARDED");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final RolloverConfig config;
    private final ObjectMapper json;

    public OpenImports(RolloverConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** The imports not ended; an IOException says why onde-sync-service gave none. */
    public List<JsonNode> asking(String bearerToken) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(config.ondeSyncUrl() + "/api/imports"))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("onde-sync-service (" + config.ondeSyncUrl() + ") answered " + answer.statusCode());
        }
        List<JsonNode> open = new ArrayList<>();
        for (JsonNode i : json.readTree(answer.body())) {
            if (!ENDED.contains(i.path("status").asText())) {
                open.add(i);
            }
        }
        return open;
    }
}
