package fr.ent.content.media;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.content.config.ContentConfig;
import fr.ent.content.item.Item;
import fr.ent.content.retention.Application;
import fr.ent.content.retention.RetentionMatrix;
import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.rest.ProblemException;
import fr.ent.support.security.Caller;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Médiathèque of a space: folders, file uploads (multipart, field {@code file}, at most {@code ent.content.max-file-size}),
 * folder listings and streamed downloads with the file's content type. Those who read the space list and download;
 * those who manage it add and delete.
 */
@Path("/api/spaces/{spaceId}/media")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT, RECTORAT, OPERATEUR})
public class MediaResource {

    /** Types a browser may show in place; any other file is downloaded (an HTML or SVG file never runs in the ENT). */
    private static final Set<String> SHOWN_INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "application/pdf", "audio/mpeg", "audio/ogg", "video/mp4", "video/webm", "text/plain");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");

    public record NewFolder(@NotBlank @Size(max = 255) String name, UUID parentId) {
    }

    private final SpaceAccess access;
    private final MediaLibrary media;
    private final Blobs blobs;
    private final Caller caller;
    private final ContentConfig config;

    public MediaResource(SpaceAccess access, MediaLibrary media, Blobs blobs, Caller caller, ContentConfig config) {
        this.access = access;
        this.media = media;
        this.blobs = blobs;
        this.caller = caller;
        this.config = config;
    }

    @GET
    public List<Item> list(@PathParam("spaceId") UUID spaceId, @QueryParam("folderId") UUID folderId) {
        access.read(spaceId);
        return media.children(spaceId, folderId);
    }

    @POST
    @Path("/folders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response folder(@PathParam("spaceId") UUID spaceId, @Valid @NotNull NewFolder request) {
        managedLibrary(spaceId);
        Item folder = media.folder(spaceId, request.name().strip(), request.parentId(), access.personId(),
                caller.displayName());
        return Response.status(Response.Status.CREATED).entity(folder).build();
    }

    @POST
    @Path("/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("spaceId") UUID spaceId, @RestForm("file") FileUpload file,
            @RestForm("folderId") String folderId) throws IOException {
        managedLibrary(spaceId);
        if (file == null || file.uploadedFile() == null) {
            throw new InvalidInputException("file", "a multipart field 'file' with the file's bytes is required");
        }
        long max = config.maxFileSize().asLongValue();
        if (file.size() > max) {
            throw new ProblemException(413, "file", "the file is " + file.size() + " bytes; the media library takes "
                    + "files of at most " + max + " bytes");
        }
        String name = name(file.fileName());
        String type = file.contentType() == null ? "" : file.contentType().toLowerCase().split(";")[0].strip();
        if (!CONTENT_TYPE.matcher(type).matches()) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        Item created = media.file(spaceId, name, type, file.uploadedFile(), folder(folderId), access.personId(),
                caller.displayName());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/files/{id}/content")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("spaceId") UUID spaceId, @PathParam("id") UUID id) {
        access.read(spaceId);
        MediaLibrary.File file = media.fileOf(spaceId, id)
                .orElseThrow(() -> new NotFoundException("no file " + id + " in this space's media library"));
        String type = file.contentType();
        StreamingOutput body = out -> {
            try (InputStream in = blobs.open(file.blob())) {
                in.transferTo(out);
            }
        };
        String disposition = (SHOWN_INLINE.contains(type) ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(file.item().title(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, type).header("Content-Length", file.size()).header("Content-Disposition", disposition)
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox").build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("spaceId") UUID spaceId, @PathParam("id") UUID id) {
        access.manage(spaceId);
        if (media.delete(spaceId, id) == 0) {
            throw new NotFoundException("no file or folder " + id + " in this space's media library");
        }
        return Response.noContent().build();
    }

    private Space managedLibrary(UUID spaceId) {
        Space space = access.manage(spaceId);
        if (RetentionMatrix.fate(Application.MEDIATHEQUE, space.kind()).isEmpty()) {
            throw new InvalidInputException("spaceId", "a " + space.kind() + " space has no media library (SPEC §4)");
        }
        return space;
    }

    private static UUID folder(String folderId) {
        if (folderId == null || folderId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(folderId.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("folderId", "not a folder id: " + folderId);
        }
    }

    /** The file's name without any path, control characters or more than 255 characters. */
    static String name(String given) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidInputException("file", "the file needs a name");
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
