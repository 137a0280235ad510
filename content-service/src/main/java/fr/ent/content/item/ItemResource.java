package fr.ent.content.item;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.content.retention.Application;
import fr.ent.content.retention.RetentionMatrix;
import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.support.rest.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * The applications' items in a space: those who may read the space read them, those who manage it create, change and
 * delete them, and its pupils post (and change what they posted) in the applications its teachers open to them
 * ({@link SpaceAccess}). An application has items only in the kinds of space the retention matrix gives it.
 */
@Path("/api/spaces/{spaceId}/items")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT, RECTORAT, OPERATEUR})
public class ItemResource {

    /** The largest {@code data} object, in characters of JSON. */
    static final int MAX_DATA = 16_384;

    /** An item; {@code body} is rich text (HTML), sanitised before it is stored. */
    public record NewItem(@NotNull Application application, @NotBlank @Size(max = 255) String title,
            @Size(max = 100_000) String body, JsonNode data) {
    }

    public record ItemChange(@NotBlank @Size(max = 255) String title, @Size(max = 100_000) String body, JsonNode data) {
    }

    private final SpaceAccess access;
    private final Items items;
    private final fr.ent.support.security.Caller caller;

    public ItemResource(SpaceAccess access, Items items, fr.ent.support.security.Caller caller) {
        this.access = access;
        this.items = items;
        this.caller = caller;
    }

    @GET
    public List<Item> list(@PathParam("spaceId") UUID spaceId, @QueryParam("application") Application application) {
        access.read(spaceId);
        return items.ofSpace(spaceId, application);
    }

    @GET
    @Path("/{id}")
    public Item one(@PathParam("spaceId") UUID spaceId, @PathParam("id") UUID id) {
        access.read(spaceId);
        return items.find(spaceId, id).orElseThrow(() -> new NotFoundException("no item " + id + " in this space"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("spaceId") UUID spaceId, @Valid @NotNull NewItem request) {
        Space space = access.post(spaceId, request.application());
        if (RetentionMatrix.fate(request.application(), space.kind()).isEmpty()) {
            throw new InvalidInputException("application", request.application() + " has no " + space.kind()
                    + " space (SPEC §4)");
        }
        checkData(request.data());
        ApplicationRules.check(request.application(), request.data());
        Item created = items.create(spaceId, request.application(), request.title(), RichText.sanitise(request.body()),
                request.data(), access.personId(), caller.displayName());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Item change(@PathParam("spaceId") UUID spaceId, @PathParam("id") UUID id, @Valid @NotNull ItemChange request) {
        access.read(spaceId);
        Item item = items.find(spaceId, id).orElseThrow(() -> new NotFoundException("no item " + id + " in this space"));
        access.changeItem(spaceId, item);
        checkData(request.data());
        ApplicationRules.check(item.application(), request.data());
        if (!items.update(spaceId, id, request.title(), RichText.sanitise(request.body()), request.data())) {
            throw new NotFoundException("no item " + id + " in this space");
        }
        return items.find(spaceId, id).orElseThrow();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("spaceId") UUID spaceId, @PathParam("id") UUID id) {
        access.read(spaceId);
        access.changeItem(spaceId, items.find(spaceId, id)
                .orElseThrow(() -> new NotFoundException("no item " + id + " in this space")));
        if (!items.delete(spaceId, id)) {
            throw new NotFoundException("no item " + id + " in this space");
        }
        return Response.noContent().build();
    }

    private static void checkData(JsonNode data) {
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new InvalidInputException("data", "data is a JSON object");
        }
        if (data != null && data.toString().length() > MAX_DATA) {
            throw new InvalidInputException("data", "data holds at most " + MAX_DATA + " characters of JSON");
        }
    }
}
