package fr.ent.onde.imports;

import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final int MAX_LIMIT = 500;

    /** The most recent imports first. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR})
    public List<ImportView> recentImports(@QueryParam("limit") Integer limit) {
        int size = limit == null ? 50 : Math.max(1, Math.min(limit, MAX_LIMIT));
        return OndeImport.<OndeImport>findAll(Sort.descending("receivedAt")).page(0, size).list()
                .stream().map(ImportView::of).toList();
    }
}
