package fr.ent.content.liaison;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.PARENT;

import fr.ent.content.item.Item;
import fr.ent.content.item.Items;
import fr.ent.content.retention.Application;
import fr.ent.content.space.SpaceAccess;
import fr.ent.content.space.Spaces;
import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Cahier de liaison: a family says it read a note ({@code POST …/read}, a parent of the class, once however often);
 * the class's teachers and the directeur see who read it and when, and which families have not yet
 * ({@link LiaisonReads}).
 */
@Path("/api/spaces/{spaceId}/items/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class LiaisonResource {

    public record Receipts(UUID itemId, List<LiaisonReads.Read> readBy, List<String> notYet) {
    }

    private final SpaceAccess access;
    private final Items items;
    private final Spaces spaces;
    private final LiaisonReads reads;

    public LiaisonResource(SpaceAccess access, Items items, Spaces spaces, LiaisonReads reads) {
        this.access = access;
        this.items = items;
        this.spaces = spaces;
        this.reads = reads;
    }

    @POST
    @Path("/read")
    @RolesAllowed(PARENT)
    public Response read(@PathParam("spaceId") UUID spaceId, @PathParam("id") UUID id) {
        access.read(spaceId);
        note(spaceId, id);
        String person = access.personId();
        if (!spaces.roles(spaceId, person).contains(Spaces.Role.RESPONSABLE)) {
            throw new ProblemException(403, null, "a note of the cahier de liaison is signed by the families of the class");
        }
        reads.read(id, person);
        return Response.noContent().build();
    }

    @GET
    @Path("/reads")
    @RolesAllowed({ENSEIGNANT, DIRECTEUR})
    public Receipts reads(@PathParam("spaceId") UUID spaceId, @PathParam("id") UUID id) {
        access.manage(spaceId);
        note(spaceId, id);
        List<LiaisonReads.Read> readBy = reads.of(id);
        java.util.Set<String> read = new java.util.HashSet<>();
        readBy.forEach(r -> read.add(r.personId()));
        List<String> notYet = spaces.members(spaceId, Spaces.Role.RESPONSABLE).stream()
                .filter(person -> !read.contains(person)).toList();
        return new Receipts(id, readBy, notYet);
    }

    private Item note(UUID spaceId, UUID id) {
        Item item = items.find(spaceId, id).orElseThrow(() -> new NotFoundException("no item " + id + " in this space"));
        if (item.application() != Application.CAHIER_DE_LIAISON) {
            throw new InvalidInputException("id", "item " + id + " is " + item.application()
                    + ", not a note of the cahier de liaison");
        }
        return item;
    }
}
