package fr.ent.portal.family;

import static fr.ent.portal.gateway.Gateway.segment;
import static fr.ent.portal.gateway.Service.CLASSES;
import static fr.ent.portal.gateway.Service.CONTENT;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.portal.gateway.Download;
import fr.ent.portal.gateway.Gateway;
import fr.ent.portal.web.Forms;
import fr.ent.portal.web.InvalidInput;
import fr.ent.portal.web.Pages;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/** Pupils and parents: my class (or my children's classes) and its blog. */
@Path("/famille")
@RolesAllowed({"eleve", "parent"})
@Produces(MediaType.TEXT_HTML)
public class FamilyPages {

    /** Articles are sanitised by content-service when written; the portal cleans them again before showing them. */
    private static final Safelist ARTICLE = Safelist.basic();

    @Inject
    Pages pages;

    @Inject
    Gateway gateway;

    @GET
    public TemplateInstance myClasses() {
        List<Object> classes = Pages.list(gateway.get(CLASSES, "/api/me/classes"));
        List<Object> blogs = new ArrayList<>();
        for (JsonNode space : gateway.get(CONTENT, "/api/me/spaces")) {
            JsonNode s = space.path("space");
            if (!s.path("kind").asText().equals("CLASS") || !s.path("closedAt").isNull()) {
                continue;
            }
            List<Object> articles = new ArrayList<>();
            for (JsonNode a : gateway.get(CONTENT, "/api/spaces/" + segment(s.path("id").asText())
                    + "/items?application=BLOG")) {
                Map<String, Object> article = new LinkedHashMap<>();
                article.put("title", a.path("title").asText(""));
                article.put("createdAt", a.path("createdAt").asText(null));
                article.put("body", Jsoup.clean(a.path("body").asText(""), ARTICLE));
                List<String> images = new ArrayList<>();
                a.path("data").path("images").forEach(i -> images.add("/famille/medias/" + segment(s.path("id").asText())
                        + "/" + segment(i.asText())));
                article.put("images", images);
                articles.add(article);
            }
            blogs.add(Map.of("space", Pages.plain(s), "articles", articles));
        }
        return pages.page("famille/classe", pages.me().parent() ? "Les classes de mes enfants" : "Ma classe")
                .data("classes", classes).data("blogs", blogs);
    }

    /** A photo of the class's media library, as content-service serves it to the signed-in pupil or parent. */
    @GET
    @Path("/medias/{spaceId}/{fileId}")
    @Produces("image/*")
    public Response media(@PathParam("spaceId") String spaceId, @PathParam("fileId") String fileId) {
        Download file = gateway.download(CONTENT, "/api/spaces/" + segment(Forms.uuid(spaceId, "espace"))
                + "/media/files/" + segment(Forms.uuid(fileId, "fichier")) + "/content", "GET", null, "*/*");
        if (!file.contentType().startsWith("image/")) {
            throw new InvalidInput("Ce fichier n'est pas une image.");
        }
        return Response.ok(file.bytes(), file.contentType()).header("Cache-Control", "private, max-age=300").build();
    }
}
