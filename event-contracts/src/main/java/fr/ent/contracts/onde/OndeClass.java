package fr.ent.contracts.onde;

import java.util.List;

/**
 * {@code fr.ent.onde.class.upserted.v3}: a class of a school year as ONDE describes it, with its roster — the state
 * of the class, its eligible pupils (ONDE-2) and how each is linked to responsables. A class is known by (UAI, school year, ONDE class
 * id); a consumer replaces what it knew of the class by the event. Published again whenever anything in it changes.
 *
 * <p>v2 carried what v1 left to one event per pupil and per responsable (pupil enrolled, updated, moved; responsable
 * upserted): a rentrée's first import is about 25 times fewer events. v3 keeps the rosters but names responsables only
 * by id; who they are is {@link OndeResponsable}, published once per school, so that a new phone number is one event
 * and not every roster the family is in.
 *
 * @param levels the levels of its pupils, in school order (PS MS GS CP CE1 CE2 CM1 CM2): several for a multi-level class
 * @param pupils every eligible pupil of the class, by pupil id
 */
public record OndeClass(String uai, String schoolYear, String classId, String name, List<String> levels,
        List<OndePupil> pupils) {

    /** {@code fr.ent.onde.class.removed.v1}: no eligible pupil of the school year is in the class any more. */
    public record Removed(String uai, String schoolYear, String classId) {
    }
}
