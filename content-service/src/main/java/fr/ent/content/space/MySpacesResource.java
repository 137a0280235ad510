package fr.ent.content.space;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.PARENT;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The open spaces the caller belongs to, with their roles there (a parent: their children's classes). */
@Path("/api/me/spaces")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT})
public class MySpacesResource {

    private final Spaces spaces;
    private final SpaceAccess access;

    public MySpacesResource(Spaces spaces, SpaceAccess access) {
        this.spaces = spaces;
        this.access = access;
    }

    @GET
    public List<Spaces.Membership> mine() {
        return spaces.ofPerson(access.personId());
    }
}
