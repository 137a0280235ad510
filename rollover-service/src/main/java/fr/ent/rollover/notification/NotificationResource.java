package fr.ent.rollover.notification;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.security.Caller;
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

/** The caller's notifications: those of the schools of their token, for the roles they hold there. */
@Path("/api/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({DIRECTEUR, ENSEIGNANT, ELEVE, PARENT, RECTORAT, OPERATEUR})
public class NotificationResource {

    private final Notifications notifications;
    private final Caller caller;

    public NotificationResource(Notifications notifications, Caller caller) {
        this.notifications = notifications;
        this.caller = caller;
    }

    @GET
    public List<Notifications.Seen> mine() {
        return notifications.of(caller.uais(), caller.roles(), reader());
    }

    @POST
    @Path("/{id}/read")
    public Response read(@PathParam("id") UUID id) {
        if (!notifications.read(id, caller.uais(), caller.roles(), reader())) {
            throw new NotFoundException("no notification " + id + " for the caller");
        }
        return Response.noContent().build();
    }

    /** Who reads: the person, or the account when the token names no person. */
    private String reader() {
        return caller.personId().orElse(caller.username());
    }
}
