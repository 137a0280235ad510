package fr.ent.rollover.operations;

import static fr.ent.support.security.Roles.OPERATEUR;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
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

    private final KafkaOverview kafka;
    private final Switchovers switchovers;
    private final OpenImports imports;
    private final Caller caller;

    public OperationsResource(KafkaOverview kafka, Switchovers switchovers, OpenImports imports, Caller caller) {
        this.kafka = kafka;
        this.switchovers = switchovers;
        this.imports = imports;
        this.caller = caller;
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
        List<JsonNode> open = null;
        String importsError = null;
        try {
            open = imports.asking(caller.rawToken());
        } catch (IOException e) {
            importsError = "onde-sync-service did not answer: " + e.getMessage();
        }
        return new Overview(Instant.now(), snapshot, switchovers.open(), open, importsError);
    }
}
