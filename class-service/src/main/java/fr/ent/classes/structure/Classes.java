package fr.ent.classes.structure;

import fr.ent.classes.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads classes with their pupil count, three named pupils and teachers, in a few queries per school. */
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

    private List<ClassView> views(String uai, String schoolYear, List<String> only) {
        String filter = only == null ? "" : " AND c.class_id = ANY(?)";
        Object[] parameters = only == null ? new Object[] {uai, schoolYear} : new Object[] {uai, schoolYear, Sql.texts(only)};
        Map<String, List<String>> named = new HashMap<>();
        sql.list("SELECT class_id, first_name, last_name FROM (SELECT p.class_id, p.first_name, p.last_name, "
                + "row_number() OVER (PARTITION BY p.class_id ORDER BY p.last_name, p.first_name, p.pupil_id) AS n "
                + "FROM pupil p JOIN school_class c ON c.uai = p.uai AND c.school_year = p.school_year "
                + "AND c.class_id = p.class_id WHERE p.uai = ? AND p.school_year = ? AND p.left_at IS NULL" + filter
                + ") ranked WHERE n <= 3 ORDER BY class_id, n", row -> {
                    named.computeIfAbsent(row.getString(1), c -> new ArrayList<>()).add(shortName(row));
                    return null;
                }, parameters);
        Map<String, List<String>> teachers = new HashMap<>();
        sql.list("SELECT c.class_id, c.teacher_id FROM teacher_class c WHERE c.uai = ? AND c.school_year = ? "
                + "AND c.ended_at IS NULL" + filter + " ORDER BY c.teacher_id", row -> {
                    teachers.computeIfAbsent(row.getString(1), c -> new ArrayList<>()).add(row.getString(2));
                    return null;
                }, parameters);
        return sql.list("SELECT c.class_id, COALESCE(c.name, c.onde_name, c.class_id) AS name, "
                + "COALESCE(c.levels, c.onde_levels) AS levels, c.closed_at IS NOT NULL AS closed, "
                + "(SELECT count(*) FROM pupil p WHERE p.uai = c.uai AND p.school_year = c.school_year "
                + "AND p.class_id = c.class_id AND p.left_at IS NULL) AS pupils "
                + "FROM school_class c WHERE c.uai = ? AND c.school_year = ? AND NOT c.removed" + filter
                + " ORDER BY 2, 1", row -> {
                    List<String> levels = Sql.texts(row, "levels");
                    String id = row.getString("class_id");
                    return new ClassView(uai, schoolYear, id, row.getString("name"), levels, levels.isEmpty(),
                            row.getInt("pupils"), named.getOrDefault(id, List.of()),
                            teachers.getOrDefault(id, List.of()), row.getBoolean("closed"));
                }, parameters);
    }

    /** "Léa M.": enough to recognise a pupil, no more. */
    private static String shortName(ResultSet row) throws SQLException {
        String first = row.getString(2);
        String last = row.getString(3);
        String initial = last == null || last.isBlank() ? "" : " " + last.substring(0, last.offsetByCodePoints(0, 1)) + ".";
        return (first == null ? "?" : first) + initial;
    }
}
