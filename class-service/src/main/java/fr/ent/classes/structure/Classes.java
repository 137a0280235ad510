package fr.ent.classes.structure;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads classes with their pupil count, three named pupils (first name and initial) and teachers. */
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
