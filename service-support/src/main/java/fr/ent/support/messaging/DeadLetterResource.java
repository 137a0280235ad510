package fr.ent.support.messaging;

import static fr.ent.support.security.Roles.OPERATEUR;

import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
    public List<DeadLetter> list(@PathParam("topic") String topic, @QueryParam("limit") Integer limit) {
        return deadLetters.list(known(topic), limit == null ? 200 : Math.max(1, Math.min(limit, 5000)));
    }

    /** Replays every dead letter of the topic not replayed yet. */
    @POST
    @Path("/{topic}/replay")
    public ReplayResult replayAll(@PathParam("topic") String topic) {
        return new ReplayResult(topic, deadLetters.replay(known(topic), Optional.empty(), caller.username()));
    }

    /** Replays one dead letter, even one replayed before. */
    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    public ReplayResult replayOne(@PathParam("topic") String topic, @PathParam("partition") int partition,
            @PathParam("offset") long offset) {
        DeadLetterTopic known = known(topic);
        int replayed = deadLetters.replay(known, Optional.of(partition + "@" + offset), caller.username());
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
