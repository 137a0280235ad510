package fr.ent.onde.imports;

import fr.ent.support.rest.TextInput;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.ForbiddenException;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final int MAX_LIMIT = 500;
    private static final int MAX_NAME_LENGTH = 255;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    @Inject
    ImportService imports;

    @Inject
    Caller caller;

    @Inject
    OndeConfig config;

    /** Imports are the académie's: its rectorate (and operators) see and decide on them, no other académie's. */
    private void requireAcademy() {
        if (!caller.actsForAcademy(config.academyCode())) {
            throw new ForbiddenException("this service imports for académie " + config.academyCode()
                    + "; the caller acts for " + (caller.academies().isEmpty() ? "none" : caller.academies()));
        }
    }

    /** An ONDE export as a zip (form field {@code export}); answered at once, checked in the background. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({RECTORAT, OPERATEUR})
    public Response upload(@RestForm("export") FileUpload export) throws IOException {
        requireAcademy();
        if (export == null || export.uploadedFile() == null) {
            throw new InvalidInputException("export", "a zip file is required in the form field 'export'");
        }
        String name = export.fileName() == null || export.fileName().isBlank() ? "export.zip" : export.fileName();
        if (name.length() > MAX_NAME_LENGTH || TextInput.controlCharacterAt(name) >= 0) {
            throw new InvalidInputException("export", "the file name must be at most " + MAX_NAME_LENGTH
                    + " characters, without control characters");
        }
        try (InputStream in = Files.newInputStream(export.uploadedFile())) {
            if (!Arrays.equals(ZIP_MAGIC, in.readNBytes(4))) {
                throw new InvalidInputException("export", name + " is not a zip archive");
            }
        }
        UUID id = imports.receive(export.uploadedFile(), name, caller.username());
        return Response.accepted(Map.of("id", id, "status", OndeImport.Status.RECEIVED))
                .location(URI.create("/api/imports/" + id)).build();
    }

    /** The most recent imports first. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR})
    public List<ImportView> recentImports(@QueryParam("limit") @Min(1) @Max(MAX_LIMIT) Integer limit) {
        requireAcademy();
        int size = limit == null ? 50 : limit;
        return OndeImport.<OndeImport>findAll(Sort.descending("receivedAt")).page(0, size).list()
                .stream().map(ImportView::of).toList();
    }

    /** A held import goes on, as checked. */
    @POST
    @Path("/{id}/confirm")
    @RolesAllowed(RECTORAT)
    public ImportStatus confirm(@PathParam("id") UUID id) {
        return decide(id, true);
    }

    /** An import that has not ended is set aside: nothing more of it is applied, its kept export is deleted. */
    @POST
    @Path("/{id}/discard")
    @RolesAllowed(RECTORAT)
    public ImportStatus discard(@PathParam("id") UUID id) {
        return decide(id, false);
    }

    private ImportStatus decide(UUID id, boolean confirm) {
        requireAcademy();
        try {
            imports.decide(id, confirm, caller.username());
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
        }
        return status(id);
    }

    private ImportStatus status(UUID id) {
        return status(id, true);
    }

    /**
     * The import's status and progress, with what it found per school; {@code schools=false} leaves the schools
     * out (an académie has 1,500 and more): what a page following the progress asks for every second or so.
     */
    @GET
    @Path("/{id}")
    @RolesAllowed({RECTORAT, OPERATEUR})
    public ImportStatus status(@PathParam("id") UUID id, @QueryParam("schools") @DefaultValue("true") boolean schools) {
        requireAcademy();
        OndeImport found = OndeImport.findById(id);
        if (found == null) {
            throw new NotFoundException("no import " + id);
        }
        return ImportStatus.of(found, schools ? imports.schools(id) : null);
    }
}
