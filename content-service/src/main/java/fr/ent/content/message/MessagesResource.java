package fr.ent.content.message;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.PARENT;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ent.content.item.Item;
import fr.ent.content.item.Items;
import fr.ent.content.item.RichText;
import fr.ent.content.retention.Application;
import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.content.space.Spaces;
import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Messagerie: messages between people of the ENT who share a class, group or partnership (a teacher and the
 * families of the class, pupils of a group…). A message lands in each recipient's personal space (box {@code inbox})
 * and its copy in the sender's ({@code sent}); the switchover keeps personal spaces, so messages last across years.
 */
@Path("/api/me/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT})
public class MessagesResource {

    public record NewMessage(@NotNull @Size(min = 1, max = 50) List<@NotBlank @Size(max = 64) String> to,
            @NotBlank @Size(max = 255) String subject, @Size(max = 20_000) String body) {
    }

    public record Sent(int recipients, UUID sentId) {
    }

    private final Spaces spaces;
    private final Items items;
    private final SpaceAccess access;
    private final Caller caller;
    private final ObjectMapper json;

    public MessagesResource(Spaces spaces, Items items, SpaceAccess access, Caller caller, ObjectMapper json) {
        this.spaces = spaces;
        this.items = items;
        this.access = access;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response send(@Valid @NotNull NewMessage message) {
        String from = access.personId();
        Set<String> to = new LinkedHashSet<>(message.to());
        to.remove(from);
        if (to.isEmpty()) {
            throw new InvalidInputException("to", "a message goes to somebody other than its sender");
        }
        Set<String> reachable = spaces.reachableFrom(from, to);
        List<String> unreachable = to.stream().filter(person -> !reachable.contains(person)).toList();
        if (!unreachable.isEmpty()) {
            throw new InvalidInputException("to", "the sender shares no class, group or partnership with "
                    + unreachable);
        }
        String body = RichText.sanitise(message.body());
        for (String recipient : to) {
            items.create(spaces.personal(recipient).id(), Application.MESSAGERIE, message.subject(), body,
                    data("inbox", from, to), from, caller.displayName());
        }
        Item sent = items.create(spaces.personal(from).id(), Application.MESSAGERIE, message.subject(), body,
                data("sent", from, to), from, caller.displayName());
        return Response.status(Response.Status.CREATED).entity(new Sent(to.size(), sent.id())).build();
    }

    @GET
    public List<Item> box(@QueryParam("box") @DefaultValue("inbox") @Pattern(regexp = "inbox|sent",
            message = "inbox or sent") String box) {
        return items.messages(spaces.personal(access.personId()).id(), box);
    }

    @POST
    @Path("/{id}/read")
    @Transactional
    public Item read(@PathParam("id") UUID id) {
        Space personal = spaces.personal(access.personId());
        if (!items.markRead(personal.id(), id)) {
            throw new NotFoundException("no message " + id + " of the caller's");
        }
        return items.find(personal.id(), id).orElseThrow();
    }

    private ObjectNode data(String box, String from, Set<String> to) {
        ObjectNode data = json.createObjectNode().put("box", box).put("from", from).put("read", box.equals("sent"));
        to.forEach(data.putArray("to")::add);
        return data;
    }
}
