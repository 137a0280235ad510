package fr.ent.classes.school;

import fr.ent.support.validation.ValidUai;
import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/schools")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolResource {

    @Inject
    Caller caller;

    /** The schools the caller may see: all of them for rectorate and operators, else those of their token. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR, DIRECTEUR, ENSEIGNANT})
    public List<SchoolView> visibleSchools() {
        List<School> schools = caller.isOperateur() ? School.listAll(Sort.by("uai"))
                : School.list("uai in ?1 or academyCode in ?2", Sort.by("uai"), caller.uais(),
                        caller.roles().contains(RECTORAT) ? caller.academies() : java.util.Set.of(""));
        return schools.stream().map(SchoolView::of).toList();
    }

    @GET
    @Path("/{uai}")
    @RolesAllowed({RECTORAT, OPERATEUR, DIRECTEUR, ENSEIGNANT})
    public SchoolView school(@PathParam("uai") @ValidUai String uai) {
        School school = School.findById(uai);
        // An unknown school and another académie's answer alike, so that a caller learns nothing of schools not theirs.
        if (!caller.maySeeSchool(uai, school == null ? null : school.academyCode)) {
            throw new ForbiddenException("school " + uai + " is not one of the caller's schools");
        }
        if (school == null) {
            throw new NotFoundException("no school " + uai);
        }
        return SchoolView.of(school);
    }
}
