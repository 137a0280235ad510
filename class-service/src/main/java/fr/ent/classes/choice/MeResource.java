package fr.ent.classes.choice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.PARENT;

import fr.ent.classes.structure.ClassView;
import fr.ent.classes.structure.Classes;
import fr.ent.classes.structure.SchoolPeople;
import fr.ent.support.jdbc.Sql;
import fr.ent.contracts.SchoolYear;
import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The caller's own classes: the teacher's choice at the rentrée, and what each person sees of their classes. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** One of the caller's classes; {@code pupils} only for its teachers, {@code children} for a parent. */
    public record MyClass(ClassView details, List<Classes.PupilView> pupils, List<String> children) {
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
    Sql sql;

    /** CLS-2: the classes of the teacher's schools for the current year, three pupils named in each. */
    @GET
    @Path("/class-choice")
    @RolesAllowed({ENSEIGNANT, DIRECTEUR})
    public ClassChoice classChoice() {
        String teacher = people.personId(caller);
        List<ClassChoice.SchoolClasses> schools = new ArrayList<>();
        List<ClassView> chosen = new ArrayList<>();
        for (SchoolPeople.StaffSchool school : people.staffSchoolsWithYear(caller)) {
            List<ClassView> offered = classes.ofSchool(school.uai(), school.year().toString());
            schools.add(new ClassChoice.SchoolClasses(school.uai(), school.name(), school.year().toString(), offered));
            offered.stream().filter(c -> c.teachers().contains(teacher)).forEach(chosen::add);
        }
        return new ClassChoice(schools, chosen);
    }

    /** CLS-2: chooses one or several classes of one of the teacher's schools; a class may have several teachers. */
    @POST
    @Path("/classes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ENSEIGNANT, DIRECTEUR})
    public ClassChoice choose(@Valid @NotNull ClassChoice.Request request) {
        people.requireStaff(caller, request.uai());
        request.classIds().forEach(classId -> people.requireCurrentClass(request.uai(), classId));
        teacherClasses.choose(people.personId(caller), request.uai(), people.currentYear(request.uai()),
                request.classIds());
        return classChoice();
    }

    /**
     * The caller's classes of the current year: a teacher's chosen classes with their pupils, a pupil's class once
     * they are in it (SEQ-5), a parent's children's classes.
     */
    @GET
    @Path("/classes")
    @RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT})
    public List<MyClass> myClasses() {
        String person = people.personId(caller);
        List<MyClass> mine = new ArrayList<>();
        Set<String> token = caller.uais();
        if (caller.roles().contains(ENSEIGNANT) || caller.roles().contains(DIRECTEUR)) {
            for (String uai : people.staffSchools(caller)) {
                SchoolYear year = people.currentYear(uai);
                for (ClassView view : teacherClasses.chosen(person, uai, year)) {
                    mine.add(new MyClass(view, classes.pupils(uai, year.toString(), view.classId()), List.of()));
                }
            }
        }
        if (caller.roles().contains(ELEVE)) {
            for (String[] row : sql.list("SELECT uai, school_year, class_id FROM pupil WHERE pupil_id = ? AND left_at IS NULL",
                    r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, person)) {
                if (token.contains(row[0]) && people.currentYear(row[0]).toString().equals(row[1])) {
                    classes.only(row[0], row[1], List.of(row[2])).forEach(v -> mine.add(new MyClass(v, List.of(), List.of())));
                }
            }
        }
        if (caller.roles().contains(PARENT)) {
            Set<String> seen = new LinkedHashSet<>();
            for (String[] row : sql.list("SELECT p.uai, p.school_year, p.class_id, p.first_name FROM pupil_responsable r "
                    + "JOIN pupil p ON p.uai = r.uai AND p.pupil_id = r.pupil_id AND p.left_at IS NULL "
                    + "WHERE r.responsable_id = ? ORDER BY p.first_name", r -> new String[] {r.getString(1),
                            r.getString(2), r.getString(3), r.getString(4)}, person)) {
                if (token.contains(row[0]) && people.currentYear(row[0]).toString().equals(row[1])
                        && seen.add(row[0] + "|" + row[2])) {
                    List<String> children = sql.list("SELECT p.first_name FROM pupil_responsable r JOIN pupil p "
                            + "ON p.uai = r.uai AND p.pupil_id = r.pupil_id AND p.left_at IS NULL WHERE r.responsable_id = ? "
                            + "AND p.uai = ? AND p.school_year = ? AND p.class_id = ? ORDER BY p.first_name",
                            r -> r.getString(1), person, row[0], row[1], row[2]);
                    classes.only(row[0], row[1], List.of(row[2])).forEach(v -> mine.add(new MyClass(v, List.of(), children)));
                }
            }
        }
        return mine;
    }
}
