package fr.ent.contracts.onde;

import java.util.List;

/**
 * {@code fr.ent.onde.class.upserted.v1}: a class of a school year as ONDE describes it. A class is known by
 * (UAI, school year, ONDE class id).
 *
 * @param levels the levels of its pupils, in school order (PS MS GS CP CE1 CE2 CM1 CM2): several for a multi-level class
 */
public record OndeClass(String uai, String schoolYear, String classId, String name, List<String> levels) {

    /** {@code fr.ent.onde.class.removed.v1}: no eligible pupil of the school year is in the class any more. */
    public record Removed(String uai, String schoolYear, String classId) {
    }
}
