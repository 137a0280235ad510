package fr.ent.content.switchover;

import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.content.retention.Application;
import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.content.space.Spaces;
import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CNT-2: what the switchover archived for the teacher — blog articles (with their categories), media folders and files
 * (with their tree and sizes), contests, map points of last year's classes — grouped by application with counts and
 * sizes, and recovering a selection into a class of the new year (each item copied once into a space).
 */
@Path("/api/me/recovery")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ENSEIGNANT)
public class RecoveryResource {

    /** What the teacher may recover, by application, with counts. */
    public record Recoverable(int total, Map<Application, Group> applications) {
    }

    /** @param bytes the size of its files (media), 0 for an application without files */
    public record Group(int count, long bytes, List<Recoveries.Archived> items) {
    }

    public record Selection(@NotNull UUID spaceId, @NotEmpty @Size(max = 5_000) List<@NotNull UUID> items) {
    }

    /** @param alreadyRecovered items of the selection copied into that space before */
    public record Recovered(UUID spaceId, int recovered, int alreadyRecovered) {
    }

    private final Recoveries recoveries;
    private final SpaceAccess access;
    private final Spaces spaces;

    public RecoveryResource(Recoveries recoveries, SpaceAccess access, Spaces spaces) {
        this.recoveries = recoveries;
        this.access = access;
        this.spaces = spaces;
    }

    @GET
    public Recoverable recoverable() {
        List<Recoveries.Archived> archived = recoveries.of(access.personId());
        Map<Application, List<Recoveries.Archived>> byApplication = new LinkedHashMap<>();
        archived.forEach(a -> byApplication.computeIfAbsent(a.application(), k -> new ArrayList<>()).add(a));
        Map<Application, Group> groups = new LinkedHashMap<>();
        byApplication.forEach((application, items) -> groups.put(application, new Group(items.size(), items.stream()
                .mapToLong(a -> a.data() == null ? 0 : a.data().path("size").asLong(0)).sum(), items)));
        return new Recoverable(archived.size(), groups);
    }

    /** Copies the selected items into a class of the caller's (open, as its teacher). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Recovered recover(@Valid @NotNull Selection selection) {
        String teacher = access.personId();
        Space space = access.manage(selection.spaceId());
        if (!spaces.roles(space.id(), teacher).contains(Spaces.Role.TEACHER)) {
            throw new ProblemException(403, "spaceId", "content is recovered into a class the caller teaches");
        }
        List<UUID> wanted = List.copyOf(new HashSet<>(selection.items()));
        List<UUID> owned = recoveries.owned(teacher, wanted);
        if (owned.size() != wanted.size()) {
            List<UUID> unknown = new ArrayList<>(wanted);
            unknown.removeAll(owned);
            throw new InvalidInputException("items", "not archived for the caller: " + unknown);
        }
        int copied = recoveries.copy(teacher, wanted, space.id());
        return new Recovered(space.id(), copied, wanted.size() - copied);
    }
}
