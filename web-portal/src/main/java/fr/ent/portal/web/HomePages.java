package fr.ent.portal.web;

import static fr.ent.portal.gateway.Service.ROLLOVER;

import fr.ent.portal.gateway.Gateway;
import fr.ent.portal.gateway.ServiceException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The landing page (open to all: the two ways to sign in) and the signed-in user's home: their notifications and
 * the screens their roles open.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePages {

    @Inject
    Engine engine;

    @Inject
    Pages pages;

    @Inject
    Gateway gateway;

    @GET
    @PermitAll
    public TemplateInstance landing() {
        return engine.getTemplate("bienvenue").data("title", "Bienvenue sur l'ENT").data("me", null);
    }

    @GET
    @Path("/accueil")
    @Authenticated
    public TemplateInstance home() {
        List<Object> notifications;
        boolean unavailable = false;
        try {
            notifications = Pages.list(gateway.get(ROLLOVER, "/api/me/notifications"));
        } catch (ServiceException e) {
            notifications = List.of();
            unavailable = true;
        }
        return pages.page("accueil", "Accueil").data("notifications", notifications)
                .data("notificationsUnavailable", unavailable);
    }
}
