package fr.ent.content.blog;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.content.item.Item;
import fr.ent.content.item.Items;
import fr.ent.content.media.Blobs;
import fr.ent.content.retention.Application;
import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.support.jdbc.Sql;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * CNT-4: a space's blog (its BLOG items: articles with a {@code data.category} and images from the space's media
 * library — {@code data.images}, media file ids, and images of the text that point at them) as a PDF, the whole blog
 * or one category, streamed; and its categories. Those who read the space may have it.
 */
@Path("/api/spaces/{spaceId}/blog")
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT, RECTORAT, OPERATEUR})
public class BlogResource {

    private static final Logger LOG = Logger.getLogger(BlogResource.class);
    private static final int PAGE = 200;
    private static final Pattern MEDIA_URL = Pattern.compile("/media/files/([0-9a-f-]{36})/content");

    public record Category(String name, int articles) {
    }

    private final SpaceAccess access;
    private final Items items;
    private final Blobs blobs;
    private final Sql sql;

    public BlogResource(SpaceAccess access, Items items, Blobs blobs, Sql sql) {
        this.access = access;
        this.items = items;
        this.blobs = blobs;
        this.sql = sql;
    }

    @GET
    @Path("/categories")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Category> categories(@PathParam("spaceId") UUID spaceId) {
        access.read(spaceId);
        return sql.list("SELECT data->>'category', count(*) FROM content_item WHERE space_id = ? AND application = 'BLOG' "
                + "AND data->>'category' IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 500",
                row -> new Category(row.getString(1), row.getInt(2)), spaceId);
    }

    @GET
    @Path("/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("spaceId") UUID spaceId, @QueryParam("category") @Size(max = 255) String category) {
        Space space = access.read(spaceId);
        String wanted = category == null || category.isBlank() ? null : category.strip();
        StreamingOutput body = out -> {
            long start = System.nanoTime();
            try (BlogPdf pdf = new BlogPdf(space.name() == null ? "Blog" : "Blog — " + space.name(), wanted,
                    images(spaceId))) {
                Instant after = null;
                UUID afterId = null;
                while (true) {
                    List<Item> page = items.page(spaceId, Application.BLOG, after, afterId, PAGE);
                    for (Item article : page) {
                        if (wanted == null || (article.data() != null
                                && wanted.equals(article.data().path("category").asText(null)))) {
                            pdf.article(article);
                        }
                    }
                    if (page.size() < PAGE) {
                        break;
                    }
                    after = page.get(page.size() - 1).createdAt();
                    afterId = page.get(page.size() - 1).id();
                }
                pdf.writeTo(out);
                LOG.infof("blog PDF of space %s%s: %d articles, %d pages, %.1f s", spaceId,
                        wanted == null ? "" : " (" + wanted + ")", pdf.articles(), pdf.pages(),
                        (System.nanoTime() - start) / 1e9);
            }
        };
        String file = "blog" + (wanted == null ? "" : "-" + wanted.replaceAll("[^\\p{L}\\p{N}]+", "-")) + ".pdf";
        return Response.ok(body, "application/pdf").header("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(file, java.nio.charset.StandardCharsets.UTF_8)).build();
    }

    /** An article's images: its data's media file ids, then those its text points at, files of the same space. */
    private BlogPdf.Images images(UUID spaceId) {
        return new BlogPdf.Images() {
            @Override
            public List<String> of(Item article) {
                Set<UUID> ids = new LinkedHashSet<>();
                if (article.data() != null && article.data().path("images").isArray()) {
                    article.data().get("images").forEach(id -> uuid(id.asText(), ids));
                }
                if (article.body() != null) {
                    Matcher m = MEDIA_URL.matcher(article.body());
                    while (m.find()) {
                        uuid(m.group(1), ids);
                    }
                }
                List<String> keys = new ArrayList<>();
                for (UUID id : ids) {
                    items.blobOf(spaceId, id).ifPresent(keys::add);
                }
                return keys;
            }

            @Override
            public byte[] bytes(String key) throws IOException {
                try (InputStream in = blobs.open(key)) {
                    return in.readAllBytes();
                }
            }
        };
    }

    private static void uuid(String text, Set<UUID> into) {
        try {
            into.add(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            // not a media file id: nothing to show
        }
    }
}
