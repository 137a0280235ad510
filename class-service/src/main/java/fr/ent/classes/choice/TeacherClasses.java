package fr.ent.classes.choice;

import fr.ent.classes.structure.ClassView;
import fr.ent.classes.structure.Classes;
import fr.ent.support.jdbc.Sql;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.support.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Teachers' choices of classes (CLS-2), each published as {@code class.teacher-assigned}. */
@ApplicationScoped
public class TeacherClasses {

    private final Sql sql;
    private final Classes classes;
    private final Outbox outbox;

    public TeacherClasses(Sql sql, Classes classes, Outbox outbox) {
        this.sql = sql;
        this.classes = classes;
        this.outbox = outbox;
    }

    public List<ClassView> chosen(String teacherId, String uai, SchoolYear year) {
        return classes.only(uai, year.toString(), sql.list("SELECT class_id FROM teacher_class WHERE uai = ? "
                + "AND school_year = ? AND teacher_id = ? AND ended_at IS NULL", row -> row.getString(1), uai,
                year.toString(), teacherId));
    }

    /** CLS-2: the school's teachers who have not chosen a class of the year yet, by name. */
    public List<String> withoutClass(String uai, SchoolYear year) {
        return sql.list("SELECT s.staff_id FROM staff s WHERE s.uai = ? AND s.teacher AND NOT EXISTS "
                + "(SELECT 1 FROM teacher_class t WHERE t.uai = s.uai AND t.teacher_id = s.staff_id AND t.school_year = ? "
                + "AND t.ended_at IS NULL) ORDER BY s.last_name, s.first_name, s.staff_id", row -> row.getString(1), uai,
                year.toString());
    }

    /** Records the choice; a class already chosen stays as it is (and is not published again). */
    @Transactional
    public int choose(String teacherId, String uai, SchoolYear year, List<String> classIds) {
        List<TeacherAssigned.PreviousClass> previous = sql.list("SELECT uai, school_year, class_id FROM teacher_class "
                + "WHERE teacher_id = ? AND school_year = ? ORDER BY uai, class_id",
                row -> new TeacherAssigned.PreviousClass(row.getString(1), row.getString(2), row.getString(3)),
                teacherId, new SchoolYear(year.startYear() - 1).toString());
        int added = 0;
        for (String classId : new ArrayList<>(new java.util.TreeSet<>(classIds))) {
            if (sql.update("INSERT INTO teacher_class (uai, school_year, class_id, teacher_id, chosen_at) "
                    + "VALUES (?, ?, ?, ?, now()) ON CONFLICT (uai, school_year, class_id, teacher_id) DO UPDATE "
                    + "SET ended_at = NULL, chosen_at = now() WHERE teacher_class.ended_at IS NOT NULL",
                    uai, year.toString(), classId, teacherId) == 1) {
                outbox.publish(Topics.CLASS_EVENTS, uai, EventTypes.CLASS_TEACHER_ASSIGNED, classId,
                        new TeacherAssigned(uai, year.toString(), classId, teacherId, previous));
                added++;
            }
        }
        return added;
    }
}
