package fr.ent.classes.structure;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Classes as people see them: with their pupil count, three named pupils (first name and initial) and teachers;
 * where a pupil or a parent's children are; and the configuration teachers give them (CLS-3).
 */
@ApplicationScoped
public class Classes {

    /** A pupil as a class list shows them. */
    public record PupilView(String pupilId, String firstName, String lastName, String level) {
    }

    private final Sql sql;

    public Classes(Sql sql) {
        this.sql = sql;
    }

    /** The school year's classes of a school that ONDE did not remove, by class name. */
    public List<ClassView> ofSchool(String uai, String schoolYear) {
        return views(uai, schoolYear, null);
    }

    public List<ClassView> only(String uai, String schoolYear, List<String> classIds) {
        return classIds.isEmpty() ? List.of() : views(uai, schoolYear, classIds);
    }

    /** A class a pupil is in, with the pupil's first name (for a parent's view of their children). */
    public record Place(String uai, String schoolYear, String classId, String firstName) {
    }

    /** The classes a pupil is enrolled in (not left), any year. */
    public List<Place> ofPupil(String pupilId) {
        return sql.list("SELECT uai, school_year, class_id, first_name FROM pupil WHERE pupil_id = ? AND left_at IS NULL",
                Classes::place, pupilId);
    }

    /** The classes a responsable's children are enrolled in (not left), any year, by the child's first name. */
    public List<Place> ofChildren(String responsableId) {
        return sql.list("SELECT p.uai, p.school_year, p.class_id, p.first_name FROM pupil_responsable r "
                + "JOIN pupil p ON p.uai = r.uai AND p.pupil_id = r.pupil_id AND p.left_at IS NULL "
                + "WHERE r.responsable_id = ? ORDER BY p.first_name", Classes::place, responsableId);
    }

    /** CLS-3: the name and levels its teachers or directeur gave a class (ONDE's stay beside them). */
    public void configure(String uai, String schoolYear, String classId, String name, List<String> levels, String by) {
        sql.update("UPDATE school_class SET name = ?, levels = ?, configured_by = ? WHERE uai = ? AND school_year = ? "
                + "AND class_id = ?", name, Sql.texts(levels), by, uai, schoolYear, classId);
    }

    private static Place place(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Place(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
    }

    public List<PupilView> pupils(String uai, String schoolYear, String classId) {
        return sql.list("SELECT pupil_id, first_name, last_name, level FROM pupil WHERE uai = ? AND school_year = ? "
                + "AND class_id = ? AND left_at IS NULL ORDER BY last_name, first_name, pupil_id",
                row -> new PupilView(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                uai, schoolYear, classId);
    }

    /** One query: each class with its pupil count, three named pupils and its teachers. */
    private List<ClassView> views(String uai, String schoolYear, List<String> only) {
        String filter = only == null ? "" : " AND c.class_id = ANY(?)";
        Object[] parameters = only == null ? new Object[] {uai, schoolYear} : new Object[] {uai, schoolYear, Sql.texts(only)};
        String pupilsOfClass = "FROM pupil p WHERE p.uai = c.uai AND p.school_year = c.school_year "
                + "AND p.class_id = c.class_id AND p.left_at IS NULL";
        return sql.list("SELECT c.class_id, COALESCE(c.name, c.onde_name, c.class_id) AS name, "
                + "COALESCE(c.levels, c.onde_levels) AS levels, c.closed_at IS NOT NULL AS closed, "
                + "(SELECT count(*) " + pupilsOfClass + ") AS pupils, "
                + "ARRAY(SELECT COALESCE(p.first_name, '?') || COALESCE(' ' || left(NULLIF(p.last_name, ''), 1) || '.', '') "
                + pupilsOfClass + " ORDER BY p.last_name, p.first_name, p.pupil_id LIMIT 3) AS named, "
                + "ARRAY(SELECT t.teacher_id FROM teacher_class t WHERE t.uai = c.uai AND t.school_year = c.school_year "
                + "AND t.class_id = c.class_id AND t.ended_at IS NULL ORDER BY t.teacher_id) AS teachers "
                + "FROM school_class c WHERE c.uai = ? AND c.school_year = ? AND NOT c.removed" + filter
                + " ORDER BY 2, 1", row -> {
                    List<String> levels = Sql.texts(row, "levels");
                    return new ClassView(uai, schoolYear, row.getString("class_id"), row.getString("name"), levels,
                            levels.isEmpty(), row.getInt("pupils"), Sql.texts(row, "named"), Sql.texts(row, "teachers"),
                            row.getBoolean("closed"));
                }, parameters);
    }

}
