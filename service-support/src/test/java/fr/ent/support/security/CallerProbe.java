package fr.ent.support.security;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;
import java.util.Set;

/** What {@link Caller} reads from a request's token, for {@link CallerTest}: read twice, as endpoints do. */
@Path("/test/caller")
@Produces(MediaType.APPLICATION_JSON)
public class CallerProbe {

    public record Seen(String personId, Set<String> uais, Set<String> academies, String displayName,
            boolean sameTwice) {
    }

    @Inject
    Caller caller;

    @GET
    @Authenticated
    public Seen seen() {
        Seen first = new Seen(caller.personId().orElse(null), caller.uais(), caller.academies(), caller.displayName(),
                false);
        boolean same = Objects.equals(first.personId(), caller.personId().orElse(null))
                && first.uais().equals(caller.uais());
        return new Seen(first.personId(), first.uais(), first.academies(), first.displayName(), same);
    }
}
