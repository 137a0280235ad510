package fr.ent.content.space;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The communes' spaces (Portail de la commune, town media and minisite): made and managed by the rectorat and the
 * operators here, read by everybody; no switchover touches them.
 */
@Path("/api/towns")
@Produces(MediaType.APPLICATION_JSON)
public class TownsResource {

    /** A commune by its INSEE code (five characters; Corsica's start 2A or 2B) and its name. */
    public record NewTown(@NotNull @Pattern(regexp = "[0-9]{5}|2[AB][0-9]{3}", message = "an INSEE commune code: "
            + "five digits, or 2A/2B and three digits") String code, @NotBlank @Size(max = 255) String name) {
    }

    private final Spaces spaces;

    public TownsResource(Spaces spaces) {
        this.spaces = spaces;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({RECTORAT, OPERATEUR})
    public Response create(@Valid @NotNull NewTown request) {
        Space town = spaces.newTown(request.code(), request.name().strip()).orElseThrow(() -> new ProblemException(409,
                "code", "the commune " + request.code() + " has its space already"));
        return Response.status(Response.Status.CREATED).entity(town).build();
    }

    @GET
    @RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT, RECTORAT, OPERATEUR})
    public List<Space> towns() {
        return spaces.towns();
    }
}
