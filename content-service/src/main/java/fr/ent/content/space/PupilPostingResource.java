package fr.ent.content.space;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.content.retention.Application;
import fr.ent.content.retention.RetentionMatrix;
import fr.ent.support.rest.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * "Pupils post where a teacher allows": those who manage a class, group or partnership say in which of its
 * applications its pupils may post (a blog, a contest…); an empty list closes them all again.
 */
@Path("/api/spaces/{spaceId}/pupil-posting")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR})
public class PupilPostingResource {

    public record PupilPosting(@NotNull @Size(max = 12) List<@NotNull Application> applications) {
    }

    private final SpaceAccess access;
    private final Spaces spaces;

    public PupilPostingResource(SpaceAccess access, Spaces spaces) {
        this.access = access;
        this.spaces = spaces;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Space set(@PathParam("spaceId") UUID spaceId, @Valid @NotNull PupilPosting request) {
        Space space = access.manage(spaceId);
        TreeSet<String> applications = new TreeSet<>();
        for (Application application : request.applications()) {
            if (RetentionMatrix.fate(application, space.kind()).isEmpty()) {
                throw new InvalidInputException("applications", application + " has no " + space.kind() + " space");
            }
            applications.add(application.name());
        }
        spaces.pupilPosting(spaceId, applications);
        return spaces.find(spaceId).orElseThrow();
    }
}
