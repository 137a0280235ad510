package fr.ent.portal.teacher;

import static fr.ent.portal.gateway.Gateway.segment;
import static fr.ent.portal.gateway.Service.IDENTITY;

import fr.ent.portal.gateway.Download;
import fr.ent.portal.gateway.Gateway;
import fr.ent.portal.web.Forms;
import fr.ent.portal.web.InvalidInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * Connection sheets of a class (IDN-4..6) for its teacher or the school's directeur: identity-service makes the PDF
 * (new passwords, only in it) and the portal hands it to the browser as it came, keeping nothing.
 */
@Path("/feuilles")
@RolesAllowed({"enseignant", "directeur"})
public class SheetsPages {

    @Inject
    Gateway gateway;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sheets(@FormParam("uai") String uai, @FormParam("schoolYear") String schoolYear,
            @FormParam("classId") String classId, @FormParam("audience") String audience,
            @FormParam("perPage") String perPage) {
        if (!Set.of("pupils", "parents").contains(audience)) {
            throw new InvalidInput("Choisissez des fiches pour les élèves ou pour les parents.");
        }
        if (!Set.of("1", "2", "4").contains(perPage)) {
            throw new InvalidInput("Choisissez 1, 2 ou 4 fiches par page.");
        }
        Download pdf = gateway.download(IDENTITY, "/api/classes/" + segment(Forms.token(uai, "école")) + "/"
                + segment(Forms.token(schoolYear, "année scolaire")) + "/" + segment(Forms.token(classId, "classe"))
                + "/connection-sheets?audience=" + audience + "&perPage=" + perPage, "POST", null, "application/pdf");
        return Response.ok(pdf.bytes(), pdf.contentType()).header("Content-Disposition", "attachment; filename=\""
                + "fiches-" + audience + "-" + classId.replaceAll("[^0-9A-Za-z_-]", "_") + ".pdf\"")
                .header("Cache-Control", "no-store").build();
    }
}
