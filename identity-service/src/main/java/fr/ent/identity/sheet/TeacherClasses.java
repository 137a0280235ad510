package fr.ent.identity.sheet;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Which teacher teaches which class of a school year, from class-service (owner of {@code teacher_class}). */
@ApplicationScoped
public class TeacherClasses {

    private final Sql sql;

    public TeacherClasses(Sql sql) {
        this.sql = sql;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void assigned(String uai, String schoolYear, String classId, String teacherId) {
        sql.update("INSERT INTO teacher_class (uai, school_year, class_id, teacher_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", uai, schoolYear, classId, teacherId);
    }

    public boolean teaches(String teacherId, String uai, String schoolYear, String classId) {
        return sql.one("SELECT 1 FROM teacher_class WHERE teacher_id = ? AND uai = ? AND school_year = ? AND class_id = ?",
                row -> true, teacherId, uai, schoolYear, classId).isPresent();
    }
}
