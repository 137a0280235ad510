package fr.ent.content.blog;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * CNT-4: a space's blog (its BLOG items: articles with a {@code data.category} and images from the space's media
 * library — {@code data.images}, media file ids, and images of the text that point at them) as a PDF, the whole blog
 * or one category, streamed; and its categories. Those who read the space may have it.
 */
@Path("/api/spaces/{spaceId}/blog")
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT, RECTORAT, OPERATEUR})
public class BlogResource {

    private final SpaceAccess access;
    private final BlogExport export;

    public BlogResource(SpaceAccess access, BlogExport export) {
        this.access = access;
        this.export = export;
    }

    @GET
    @Path("/categories")
    @Produces(MediaType.APPLICATION_JSON)
    public List<BlogExport.Category> categories(@PathParam("spaceId") UUID spaceId) {
        access.read(spaceId);
        return export.categories(spaceId);
    }

    @GET
    @Path("/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("spaceId") UUID spaceId, @QueryParam("category") @Size(max = 255) String category) {
        Space space = access.read(spaceId);
        String wanted = category == null || category.isBlank() ? null : category.strip();
        StreamingOutput body = out -> export.write(space, wanted, out);
        String file = "blog" + (wanted == null ? "" : "-" + wanted.replaceAll("[^\\p{L}\\p{N}]+", "-")) + ".pdf";
        return Response.ok(body, "application/pdf").header("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(file, StandardCharsets.UTF_8)).build();
    }
}
