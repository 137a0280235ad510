package fr.ent.support.messaging;

import static fr.ent.support.security.Roles.OPERATEUR;

import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/** For operators: the records this service's consumers could not apply, why, and their replay. */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OPERATEUR)
public class DeadLetterResource {

    public record ReplayResult(String deadLetterTopic, int replayed) {
    }

    @Inject
    DeadLetters deadLetters;

    @Inject
    Caller caller;

    /** The service's consuming channels, with their dead-letter topic and how many records it holds. */
    @GET
    public List<DeadLetterTopic> topics() {
        return deadLetters.topics();
    }

    @GET
    @Path("/{topic}")
    public List<DeadLetter> list(@PathParam("topic") @Size(max = 249) String topic,
            @QueryParam("limit") @Min(1) @Max(5000) Integer limit) {
        return deadLetters.list(known(topic), limit == null ? 200 : limit);
    }

    /** Replays every dead letter of the topic not replayed yet. */
    @POST
    @Path("/{topic}/replay")
    public ReplayResult replayAll(@PathParam("topic") @Size(max = 249) String topic) {
        return new ReplayResult(topic, deadLetters.replay(known(topic), Optional.empty(), caller.username(), false));
    }

    /** Replays one dead letter; one replayed before goes again only with {@code force=true} (else 409). */
    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    public ReplayResult replayOne(@PathParam("topic") @Size(max = 249) String topic,
            @PathParam("partition") @Min(0) int partition, @PathParam("offset") @Min(0) long offset,
            @QueryParam("force") boolean force) {
        DeadLetterTopic known = known(topic);
        int replayed = deadLetters.replay(known, Optional.of(partition + "@" + offset), caller.username(), force);
        if (replayed == 0) {
            throw new NotFoundException("no dead letter at " + topic + "/" + partition + "@" + offset);
        }
        return new ReplayResult(topic, replayed);
    }

    private DeadLetterTopic known(String topic) {
        return deadLetters.topic(topic)
                .orElseThrow(() -> new NotFoundException(topic + " is not a dead-letter topic of this service"));
    }
}
