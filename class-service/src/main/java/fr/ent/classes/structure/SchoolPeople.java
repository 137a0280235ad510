package fr.ent.classes.structure;

import fr.ent.classes.config.ClassesConfig;
import fr.ent.support.jdbc.Sql;
import fr.ent.classes.year.AcademyYears;
import fr.ent.contracts.SchoolYear;
import fr.ent.support.security.Caller;
import fr.ent.support.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who the caller is in a school, from their token ({@code person_id}, {@code uai}) and ONDE's staff: the checks every
 * endpoint makes before it reads a school's classes, pupils or groups.
 */
@ApplicationScoped
public class SchoolPeople {

    private final Sql sql;
    private final AcademyYears years;
    private final Set<String> departmentalSchools;

    public SchoolPeople(Sql sql, AcademyYears years, ClassesConfig config) {
        this.sql = sql;
        this.years = years;
        this.departmentalSchools = config.departmentalSchools().orElse(Set.of());
    }

    public String personId(Caller caller) {
        return caller.personId().orElseThrow(() -> new ForbiddenException("the token carries no person_id"));
    }

    /** The school's teachers' names as ONDE gives them ("Prénom Nom"), by staff id: what a directeur reads. */
    public java.util.Map<String, String> teacherNames(String uai) {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        sql.list("SELECT staff_id, trim(concat_ws(' ', first_name, last_name)) FROM staff WHERE uai = ? AND teacher "
                + "ORDER BY last_name, first_name, staff_id", row -> new String[] {row.getString(1), row.getString(2)},
                uai).forEach(pair -> names.put(pair[0], pair[1]));
        return names;
    }

    /** The schools where the caller is staff (teacher or directeur) and that their token names. */
    public List<String> staffSchools(Caller caller) {
        return staffSchoolsWithYear(caller).stream().map(StaffSchool::uai).toList();
    }

    /** One of the caller's schools, with what a page about it needs. */
    public record StaffSchool(String uai, String name, SchoolYear year) {
    }

    /** {@link #staffSchools} with each school's name and current year, in one query. */
    public List<StaffSchool> staffSchoolsWithYear(Caller caller) {
        Set<String> token = caller.uais();
        return sql.list("SELECT s.uai, COALESCE(sc.name, s.uai), a.current_year FROM staff s "
                + "LEFT JOIN school sc ON sc.uai = s.uai LEFT JOIN academy_year a ON a.academy_code = sc.academy_code "
                + "WHERE s.staff_id = ? ORDER BY s.uai", row -> new StaffSchool(row.getString(1), row.getString(2),
                        row.getString(3) == null ? years.initial() : SchoolYear.parse(row.getString(3))),
                personId(caller)).stream().filter(school -> token.contains(school.uai())).toList();
    }

    /** 403 unless the caller is staff of the school (and their token says so). */
    public void requireStaff(Caller caller, String uai) {
        if (!staffSchools(caller).contains(uai)) {
            throw new ForbiddenException("school " + uai + " is not one of the caller's schools");
        }
    }

    /** Whether the caller directs the school: ONDE says so, or their token's role and schools do. */
    public boolean directs(Caller caller, String uai) {
        if (!caller.belongsTo(uai) || !caller.roles().contains(Roles.DIRECTEUR)) {
            return false;
        }
        return caller.personId().map(person -> sql.one("SELECT director FROM staff WHERE uai = ? AND staff_id = ?",
                row -> row.getBoolean(1), uai, person).orElse(true)).orElse(false);
    }

    /** 403 unless the caller may see the whole school: its directeur, the rectorat of its académie, operateur. */
    public void requireSchoolView(Caller caller, String uai) {
        if (!caller.actsForAcademy(academyOf(uai)) && !directs(caller, uai)) {
            throw new ForbiddenException("only the school's directeur, the rectorat of its académie or an operateur "
                    + "see all of " + uai);
        }
    }

    /** The académie of a school known from ONDE; null for a school never imported. */
    public String academyOf(String uai) {
        return sql.one("SELECT academy_code FROM school WHERE uai = ?", row -> row.getString(1), uai).orElse(null);
    }

    public SchoolYear currentYear(String uai) {
        return years.currentOfSchool(uai);
    }

    public boolean departmental(String uai) {
        return departmentalSchools.contains(uai) || sql.one("SELECT departmental FROM school WHERE uai = ?",
                row -> row.getBoolean(1), uai).orElse(false);
    }

    /** 404 unless the class exists in the school's current year (removed by ONDE counts as gone). */
    public void requireCurrentClass(String uai, String classId) {
        String year = currentYear(uai).toString();
        if (sql.one("SELECT 1 FROM school_class WHERE uai = ? AND school_year = ? AND class_id = ? AND NOT removed "
                + "AND closed_at IS NULL", row -> 1, uai, year, classId).isEmpty()) {
            throw new NotFoundException("no class " + classId + " in " + uai + " for " + year);
        }
    }

    /** Whether the caller teaches the class this year (chose it). */
    public boolean teaches(Caller caller, String uai, String classId) {
        return caller.personId().flatMap(person -> sql.one("SELECT 1 FROM teacher_class WHERE uai = ? AND school_year = ? "
                + "AND class_id = ? AND teacher_id = ? AND ended_at IS NULL", row -> 1, uai,
                currentYear(uai).toString(), classId, person)).isPresent();
    }
}
