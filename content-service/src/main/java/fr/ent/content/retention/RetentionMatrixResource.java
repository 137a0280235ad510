package fr.ent.content.retention;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** What the switchover will do to each application's content: shown to staff before it runs (CNT-5). */
@Path("/api/retention-matrix")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionMatrixResource {

    @GET
    @RolesAllowed({ENSEIGNANT, DIRECTEUR, RECTORAT, OPERATEUR})
    public Map<Application, Map<SpaceKind, Fate>> matrix() {
        return RetentionMatrix.asMap();
    }
}
