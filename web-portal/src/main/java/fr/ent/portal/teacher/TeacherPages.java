package fr.ent.portal.teacher;

import static fr.ent.portal.gateway.Gateway.segment;
import static fr.ent.portal.gateway.Service.CLASSES;
import static fr.ent.portal.gateway.Service.CONTENT;
import static fr.ent.portal.gateway.Service.ROLLOVER;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.contracts.Levels;
import fr.ent.portal.gateway.Gateway;
import fr.ent.portal.web.Forms;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The teacher's screens: the first connection after the switchover in three steps (choose the class, recover last
 * year's content, configure the class), my classes and pupils, and before the switchover what it will do and the
 * backup of media into the personal space. Every rule is the services'; these pages ask and show.
 */
@Path("/enseignant")
@RolesAllowed("enseignant")
@Produces(MediaType.TEXT_HTML)
public class TeacherPages {

    @Inject
    Pages pages;

    @Inject
    Gateway gateway;

    @GET
    public TemplateInstance classes() {
        return pages.page("enseignant/classes", "Mes classes et mes élèves")
                .data("classes", Pages.list(gateway.get(CLASSES, "/api/me/classes")));
    }

    /** Step 1: the classes of the teacher's schools, each with its levels, pupil count and three pupils named. */
    @GET
    @Path("/rentree")
    public TemplateInstance choose() {
        JsonNode choice = gateway.get(CLASSES, "/api/me/class-choice");
        List<String> chosen = new ArrayList<>();
        choice.path("chosen").forEach(c -> chosen.add(c.path("classId").asText()));
        return pages.page("enseignant/choix", "Rentrée — étape 1 sur 3 : choisir ma classe")
                .data("schools", Pages.list(choice.get("schools"))).data("chosen", chosen);
    }

    @POST
    @Path("/rentree")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response chosen(@FormParam("uai") String uai, @FormParam("classId") List<String> classIds) {
        gateway.post(CLASSES, "/api/me/classes", Map.of("uai", Forms.token(uai, "école"), "classIds",
                Forms.ids(classIds, "une classe", 100)));
        return Forms.seeOther("/enseignant/rentree/recuperation");
    }

    /** Step 2: what was archived for the teacher, grouped by application, into which open class it goes. */
    @GET
    @Path("/rentree/recuperation")
    public TemplateInstance recoverable(@QueryParam("recupere") Integer recovered, @QueryParam("deja") Integer already) {
        return pages.page("enseignant/recuperation", "Rentrée — étape 2 sur 3 : récupérer mes contenus de l'an dernier")
                .data("recoverable", Recoverable.of(gateway.get(CONTENT, "/api/me/recovery")))
                .data("spaces", classSpaces()).data("recovered", recovered).data("already", already);
    }

    @POST
    @Path("/rentree/recuperation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recover(@FormParam("spaceId") String spaceId, @FormParam("item") List<String> items) {
        JsonNode answer = gateway.post(CONTENT, "/api/me/recovery", Map.of("spaceId", Forms.uuid(spaceId,
                "classe de destination"), "items", Forms.ids(items, "un contenu à récupérer", 5_000)));
        return Forms.seeOther("/enseignant/rentree/recuperation?recupere=" + answer.path("recovered").asInt()
                + "&deja=" + answer.path("alreadyRecovered").asInt());
    }

    /** Step 3: each open class of the teacher with its name and levels; a class without a level is to configure. */
    @GET
    @Path("/rentree/configuration")
    public TemplateInstance configuration(@QueryParam("fait") String done) {
        List<Object> open = new ArrayList<>();
        for (JsonNode c : gateway.get(CLASSES, "/api/me/classes")) {
            if (!c.path("details").path("closed").asBoolean()) {
                open.add(Pages.plain(c.path("details")));
            }
        }
        return pages.page("enseignant/configuration", "Rentrée — étape 3 sur 3 : configurer ma classe")
                .data("classes", open).data("levels", Levels.IN_SCHOOL_ORDER).data("done", done);
    }

    @POST
    @Path("/rentree/configuration")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response configure(@FormParam("uai") String uai, @FormParam("classId") String classId,
            @FormParam("name") String name, @FormParam("level") List<String> levels) {
        String id = Forms.token(classId, "classe");
        gateway.put(CLASSES, "/api/schools/" + segment(Forms.token(uai, "école")) + "/classes/" + segment(id),
                Map.of("name", Forms.required(name, "Nom de la classe", 255), "levels", Forms.ids(levels,
                        "un niveau (la classe en a besoin, voir ci-dessus)", 8)));
        return Forms.seeOther("/enseignant/rentree/configuration?fait=" + segment(id));
    }

    /** Before the switchover: what it will do to each class (kept, archived for me, deleted) and the backup. */
    @GET
    @Path("/bascule")
    public TemplateInstance preview(@QueryParam("sauvegarde") Integer saved, @QueryParam("dossier") String folder) {
        List<Object> previews = new ArrayList<>();
        String year = currentYear();
        if (year != null) {
            previews = Pages.list(gateway.get(CONTENT, "/api/me/switchover-preview?fromYear=" + segment(year)));
        }
        List<Object> reminders = new ArrayList<>();
        for (JsonNode n : gateway.get(ROLLOVER, "/api/me/notifications")) {
            if (n.path("kind").asText().startsWith("BACKUP_REMINDER")) {
                reminders.add(Pages.plain(n));
            }
        }
        List<Object> media = new ArrayList<>();
        for (JsonNode space : gateway.get(CONTENT, "/api/me/spaces")) {
            JsonNode s = space.path("space");
            if (s.path("kind").asText().equals("CLASS") && s.path("closedAt").isNull()) {
                List<Object> files = Pages.list(gateway.get(CONTENT, "/api/spaces/" + segment(s.path("id").asText())
                        + "/items?application=MEDIATHEQUE"));
                media.add(Map.of("space", Pages.plain(s), "files", files));
            }
        }
        return pages.page("enseignant/bascule", "Avant la bascule : aperçu et sauvegarde")
                .data("year", year).data("previews", previews).data("reminders", reminders).data("media", media)
                .data("saved", saved).data("folder", folder);
    }

    @POST
    @Path("/bascule/sauvegarde")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response backup(@FormParam("spaceId") String spaceId, @FormParam("item") List<String> items) {
        JsonNode answer = gateway.post(CONTENT, "/api/me/backup", Map.of("spaceId", Forms.uuid(spaceId, "classe"),
                "items", Forms.ids(items, "un fichier à sauvegarder", 5_000)));
        return Forms.seeOther("/enseignant/bascule?sauvegarde=" + answer.path("copied").asInt(
                answer.path("items").size()) + "&dossier=" + segment(answer.path("folder").asText("")));
    }

    /** The open class spaces the teacher manages: where recovered content may go. */
    private List<Object> classSpaces() {
        List<Object> spaces = new ArrayList<>();
        for (JsonNode space : gateway.get(CONTENT, "/api/me/spaces")) {
            JsonNode s = space.path("space");
            if (s.path("kind").asText().equals("CLASS") && s.path("closedAt").isNull()
                    && space.path("roles").toString().contains("TEACHER")) {
                spaces.add(Pages.plain(s));
            }
        }
        return spaces;
    }

    /** The school year of the teacher's open classes, the one whose switchover comes next. */
    private String currentYear() {
        for (JsonNode c : gateway.get(CLASSES, "/api/me/classes")) {
            if (!c.path("details").path("closed").asBoolean()) {
                return c.path("details").path("schoolYear").asText();
            }
        }
        return null;
    }
}
