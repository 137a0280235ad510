package fr.ent.classes.choice;

import fr.ent.support.validation.ValidUai;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.classes.structure.ClassView;
import fr.ent.classes.structure.Classes;
import fr.ent.classes.structure.SchoolPeople;
import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A school's classes of the current year, as its directeur (or the rectorate) follows the rentrée. */
@Path("/api/schools/{uai}/classes")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolClassesResource {

    /**
     * @param teachersWithoutClass the school's teachers who have not chosen a class yet
     * @param toConfigure classes without levels (CLS-3)
     * @param teacherNames the school's teachers' names by staff id (the ids of {@code teachers} and
     *                     {@code teachersWithoutClass})
     */
    public record SchoolClasses(String uai, String schoolYear, List<ClassView> classes, List<String> teachersWithoutClass,
            List<String> toConfigure, java.util.Map<String, String> teacherNames) {
    }

    /** {@code PUT}: a class's name and levels (CLS-3). */
    public record Configuration(@NotBlank @Size(max = 255) String name,
            @NotNull @Size(min = 1, max = 8) List<@NotNull @Size(max = 8) String> levels) {
    }

    @Inject
    Caller caller;

    @Inject
    SchoolPeople people;

    @Inject
    Classes classes;

    @Inject
    TeacherClasses teacherClasses;

    @Inject
    ClassConfiguration configurations;

    @GET
    @RolesAllowed({DIRECTEUR, RECTORAT, OPERATEUR})
    public SchoolClasses schoolClasses(@PathParam("uai") @ValidUai String uai) {
        people.requireSchoolView(caller, uai);
        String year = people.currentYear(uai).toString();
        List<ClassView> views = classes.ofSchool(uai, year);
        List<String> without = teacherClasses.withoutClass(uai, people.currentYear(uai));
        return new SchoolClasses(uai, year, views, without,
                views.stream().filter(ClassView::toConfigure).map(ClassView::classId).toList(),
                people.teacherNames(uai));
    }

    /** CLS-3: the class's teachers and the school's directeur set its name and levels. */
    @PUT
    @Path("/{classId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ENSEIGNANT, DIRECTEUR})
    public ClassView configure(@PathParam("uai") @ValidUai String uai,
            @PathParam("classId") @Size(max = 64) String classId, @Valid @NotNull Configuration configuration) {
        if (!caller.belongsTo(uai)) {
            throw new ForbiddenException("school " + uai + " is not one of the caller's schools");
        }
        people.requireCurrentClass(uai, classId);
        if (!people.teaches(caller, uai, classId) && !people.directs(caller, uai)) {
            throw new ForbiddenException("only the class's teachers and the school's directeur configure it");
        }
        return configurations.configure(uai, people.currentYear(uai), classId, configuration.name(),
                configuration.levels(), people.personId(caller));
    }
}
