package fr.ent.rollover.operations;

import static fr.ent.support.security.Roles.OPERATEUR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.rollover.config.RolloverConfig;
import fr.ent.rollover.switchover.Switchover;
import fr.ent.rollover.switchover.Switchovers;
import fr.ent.support.rest.ProblemException;
import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The operators' overview: the broker's topics, partitions, consumer groups and their lag, the dead letters waiting
 * per service, the switchovers not completed and ONDE imports not ended. One call, at the time it is made.
 */
@Path("/api/operations/overview")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    /**
     * @param imports onde-sync-service's imports that have not ended, asked with the operator's own token; null when
     *     it did not answer, with {@code importsError} saying why
     */
    public record Overview(Instant at, KafkaOverview.Snapshot kafka, List<Switchover> openSwitchovers,
            List<JsonNode> openImports, String importsError) {
    }

    private static final Logger LOG = Logger.getLogger(OperationsResource.class);
    private static final List<String> ENDED = List.of("COMPLETED", "REFUSED", "FAILED", "DISCARDED");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final KafkaOverview kafka;
    private final Switchovers switchovers;
    private final RolloverConfig config;
    private final Caller caller;
    private final ObjectMapper json;

    public OperationsResource(KafkaOverview kafka, Switchovers switchovers, RolloverConfig config, Caller caller,
            ObjectMapper json) {
        this.kafka = kafka;
        this.switchovers = switchovers;
        this.config = config;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @RolesAllowed(OPERATEUR)
    public Overview overview() throws InterruptedException {
        KafkaOverview.Snapshot snapshot;
        try {
            snapshot = kafka.snapshot();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("the broker did not answer the operators' overview: %s", e.toString());
            throw new ProblemException(503, null, "the broker did not answer in time: " + e.getMessage());
        }
        List<Switchover> open = switchovers.list(null).stream()
                .filter(s -> s.status() == Switchover.Status.SCHEDULED || s.status() == Switchover.Status.RUNNING)
                .toList();
        List<JsonNode> imports = null;
        String importsError = null;
        try {
            imports = openImports();
        } catch (IOException | IllegalStateException e) {
            importsError = "onde-sync-service (" + config.ondeSyncUrl() + ") did not answer: " + e.getMessage();
        }
        return new Overview(Instant.now(), snapshot, open, imports, importsError);
    }

    private List<JsonNode> openImports() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(config.ondeSyncUrl() + "/api/imports"))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + caller.rawToken())
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("status " + answer.statusCode());
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
