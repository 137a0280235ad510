package fr.ent.onde.academy;

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

    /** The school year the académie's imports are judged against. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR})
    public AcademyView academy(@PathParam("code") String code) {
        return new AcademyView(code, years.current(code).toString());
    }
}
