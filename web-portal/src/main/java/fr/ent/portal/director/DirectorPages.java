package fr.ent.portal.director;

import static fr.ent.portal.gateway.Gateway.segment;
import static fr.ent.portal.gateway.Service.CLASSES;
import static fr.ent.portal.gateway.Service.ONDE_SYNC;
import static fr.ent.portal.gateway.Service.ROLLOVER;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.portal.gateway.Download;
import fr.ent.portal.gateway.Gateway;
import fr.ent.portal.web.Forms;
import fr.ent.portal.web.Me;
import fr.ent.portal.web.Pages;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The directeur's screens: the school after the switchover (readiness and notifications, who chose which class, who
 * has not, classes to configure, sheets for any class), and the pupils ONDE's export brought that the ENT refused,
 * with the reasons in words and as CSV. A directeur of several schools picks one ({@code ?uai=}).
 */
@Path("/directeur")
@RolesAllowed("directeur")
@Produces(MediaType.TEXT_HTML)
public class DirectorPages {

    @Inject
    Pages pages;

    @Inject
    Gateway gateway;

    @GET
    public TemplateInstance school(@QueryParam("uai") String uai) {
        Me me = pages.me();
        String school = school(me, uai);
        JsonNode classes = gateway.get(CLASSES, "/api/schools/" + segment(school) + "/classes");
        return pages.page("directeur/ecole", "Mon école — la rentrée").data("uai", school)
                .data("classes", Pages.plain(classes))
                .data("notifications", Pages.list(gateway.get(ROLLOVER, "/api/me/notifications")));
    }

    @GET
    @Path("/rejets")
    public TemplateInstance rejections(@QueryParam("uai") String uai) {
        String school = school(pages.me(), uai);
        List<Object> rejected = Pages.list(gateway.get(ONDE_SYNC, "/api/schools/" + segment(school) + "/rejections"));
        return pages.page("directeur/rejets", "Élèves non importés depuis ONDE").data("uai", school)
                .data("rejected", rejected);
    }

    @GET
    @Path("/rejets.csv")
    @Produces("text/csv")
    public Response rejectionsCsv(@QueryParam("uai") String uai) {
        String school = school(pages.me(), uai);
        Download csv = gateway.download(ONDE_SYNC, "/api/schools/" + segment(school) + "/rejections", "GET", null,
                "text/csv");
        return Response.ok(csv.bytes(), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"rejets-onde-" + school + ".csv\"").build();
    }

    /** The school asked for, else the directeur's first; which schools they may see is the services' to check. */
    private static String school(Me me, String uai) {
        if (uai != null && !uai.isBlank()) {
            return Forms.token(uai, "école");
        }
        if (me.school() == null) {
            throw new fr.ent.portal.web.InvalidInput("Votre compte n'est rattaché à aucune école.");
        }
        return me.school();
    }
}
