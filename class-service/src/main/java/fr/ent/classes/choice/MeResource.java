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
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
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
            for (Classes.Place place : classes.ofPupil(person)) {
                if (current(place, token)) {
                    classes.only(place.uai(), place.schoolYear(), List.of(place.classId()))
                            .forEach(v -> mine.add(new MyClass(v, List.of(), List.of())));
                }
            }
        }
        if (caller.roles().contains(PARENT)) {
            // one row per child, by first name: the children of a class are those of its rows
            Map<List<String>, List<String>> children = new LinkedHashMap<>();
            for (Classes.Place place : classes.ofChildren(person)) {
                if (current(place, token)) {
                    children.computeIfAbsent(List.of(place.uai(), place.schoolYear(), place.classId()),
                            k -> new ArrayList<>()).add(place.firstName());
                }
            }
            children.forEach((key, names) -> classes.only(key.get(0), key.get(1), List.of(key.get(2)))
                    .forEach(v -> mine.add(new MyClass(v, List.of(), names))));
        }
        return mine;
    }

    /** A class of the caller's schools and of its académie's current year. */
    private boolean current(Classes.Place place, Set<String> token) {
        return token.contains(place.uai()) && people.currentYear(place.uai()).toString().equals(place.schoolYear());
    }
}
