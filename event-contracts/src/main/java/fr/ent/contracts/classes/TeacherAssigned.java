package fr.ent.contracts.classes;

import java.util.List;

/**
 * {@code fr.ent.class.teacher-assigned.v1} on {@code class.events}, keyed by UAI: a teacher chose a class of the
 * school year (CLS-2). Carries the teacher's classes of the year before, so that content-service can offer to
 * recover their content (CNT-2).
 *
 * @param previousYearClassIds the teacher's classes of the previous school year, in any school
 */
public record TeacherAssigned(String uai, String schoolYear, String classId, String teacherId,
        List<PreviousClass> previousYearClassIds) {

    /** A class of the previous year, known by (UAI, school year, class id). */
    public record PreviousClass(String uai, String schoolYear, String classId) {
    }
}
