package fr.ent.onde.academy;

import fr.ent.support.validation.AcademyCode;
import fr.ent.support.security.Caller;
import jakarta.ws.rs.ForbiddenException;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/academies/{code}")
@Produces(MediaType.APPLICATION_JSON)
public class AcademyResource {

    public record AcademyView(String academyCode, String currentSchoolYear) {
    }

    @Inject
    AcademyYears years;

    @Inject
    Caller caller;

    /** The school year the académie's imports are judged against. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR})
    public AcademyView academy(@PathParam("code") @AcademyCode String code) {
        if (!caller.actsForAcademy(code)) {
            throw new ForbiddenException("académie " + code + " is not the caller's");
        }
        return new AcademyView(code, years.current(code).toString());
    }
}
