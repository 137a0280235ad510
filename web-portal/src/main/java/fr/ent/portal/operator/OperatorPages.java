package fr.ent.portal.operator;

import static fr.ent.portal.gateway.Gateway.segment;
import static fr.ent.portal.gateway.Service.ROLLOVER;

import fr.ent.portal.gateway.Gateway;
import fr.ent.portal.gateway.Service;
import fr.ent.portal.web.Forms;
import fr.ent.portal.web.InvalidInput;
import fr.ent.portal.web.Pages;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The operators' overview (topics, consumer lag, dead letters, open switchovers and imports) and the replay. */
@Path("/operateur")
@RolesAllowed("operateur")
@Produces(MediaType.TEXT_HTML)
public class OperatorPages {

    private static final Map<String, Service> DEAD_LETTER_OWNERS = Map.of("onde-sync-service", Service.ONDE_SYNC,
            "class-service", Service.CLASSES, "identity-service", Service.IDENTITY, "content-service", Service.CONTENT,
            "rollover-service", Service.ROLLOVER);

    @Inject
    Pages pages;

    @Inject
    Gateway gateway;

    @GET
    public TemplateInstance overview(@QueryParam("rejoues") Integer replayed) {
        return pages.page("operateur/vue", "Exploitation — vue d'ensemble")
                .data("overview", Pages.plain(gateway.get(ROLLOVER, "/api/operations/overview")))
                .data("replayed", replayed);
    }

    /** Replays a dead-letter topic through the service that owns it, as the overview names it. */
    @POST
    @Path("/rejouer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@FormParam("service") String service, @FormParam("topic") String topic) {
        String name = Forms.token(topic, "file de lettres mortes");
        Service owner = DEAD_LETTER_OWNERS.get(service);
        if (owner == null) {
            throw new InvalidInput("Ce service n'existe pas : choisissez une file de la liste.");
        }
        var answer = gateway.post(owner, "/api/dead-letters/" + segment(name) + "/replay", null);
        return Forms.seeOther("/operateur?rejoues=" + answer.path("replayed").asInt(0));
    }
}
