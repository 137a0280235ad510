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

/**
 * The open spaces the caller belongs to, with their roles there (a parent: their children's classes), their personal
 * space (made the first time it is asked for) and the school spaces of the schools their token names.
 */
@Path("/api/me/spaces")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT})
public class MySpacesResource {

    private final Spaces spaces;
    private final SpaceAccess access;
    private final fr.ent.support.security.Caller caller;

    public MySpacesResource(Spaces spaces, SpaceAccess access, fr.ent.support.security.Caller caller) {
        this.spaces = spaces;
        this.access = access;
        this.caller = caller;
    }

    @GET
    public List<Spaces.Membership> mine() {
        String person = access.personId();
        spaces.personal(person);
        List<Spaces.Membership> mine = new java.util.ArrayList<>(spaces.ofPerson(person));
        spaces.schoolSpaces(caller.uais()).forEach(school -> mine.add(new Spaces.Membership(school,
                java.util.Set.of(caller.roles().contains(DIRECTEUR) || caller.roles().contains(ENSEIGNANT)
                        ? Spaces.Role.STAFF : Spaces.Role.READER))));
        return mine;
    }
}
