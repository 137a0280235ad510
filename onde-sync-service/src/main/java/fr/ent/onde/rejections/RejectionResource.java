package fr.ent.onde.rejections;

import fr.ent.support.validation.ValidUai;
import fr.ent.onde.imports.OndeConfig;
import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * ONDE-3: the pupils of a school that the latest import rejected, with every reason, so that the directeur can fix
 * them in ONDE. As JSON, or as CSV for a spreadsheet ({@code Accept: text/csv}).
 */
@Path("/api/schools/{uai}/rejections")
@RolesAllowed({DIRECTEUR, RECTORAT, OPERATEUR})
public class RejectionResource {

    public record RejectedPupil(UUID importId, String pupilId, String lastName, String firstName, String className,
            List<String> reasons) {
    }

    @Inject
    Caller caller;

    @Inject
    Rejections rejections;

    @Inject
    OndeConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RejectedPupil> json(@PathParam("uai") @ValidUai String uai) {
        return latest(uai);
    }

    @GET
    @Produces("text/csv")
    public String csv(@PathParam("uai") @ValidUai String uai) {
        StringBuilder csv = new StringBuilder("pupil_id;last_name;first_name;class;reasons\n");
        for (RejectedPupil pupil : latest(uai)) {
            csv.append(String.join(";", cell(pupil.pupilId()), cell(pupil.lastName()), cell(pupil.firstName()),
                    cell(pupil.className()), cell(String.join(",", pupil.reasons())))).append('\n');
        }
        return csv.toString();
    }

    private List<RejectedPupil> latest(String uai) {
        // Every school this service knows is of its académie.
        if (!caller.maySeeSchool(uai, config.academyCode())) {
            throw new ForbiddenException("school " + uai + " is not one of the caller's schools");
        }
        return rejections.latest(uai);
    }

    /** A CSV cell: quoted when it holds the separator, a quote or a line break; null as empty. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.chars().anyMatch(c -> c == ';' || c == '"' || c == '\n' || c == '\r')
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
