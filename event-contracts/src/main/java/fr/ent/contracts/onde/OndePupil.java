package fr.ent.contracts.onde;

import java.util.List;

/**
 * {@code fr.ent.onde.pupil.enrolled.v1} (first seen in the school for the year) and {@code fr.ent.onde.pupil.updated.v1}
 * (anything else changed): an eligible pupil (ONDE-2) as ONDE describes them.
 *
 * @param pupilId the ONDE join key, stable across years
 * @param birthDate ISO date, or null when ONDE's was unreadable
 * @param responsables the pupil's responsables imported with them
 */
public record OndePupil(String uai, String schoolYear, String pupilId, String ine, String firstName, String lastName,
        String birthDate, String classId, String level, List<Link> responsables) {

    /**
     * A pupil↔responsable link.
     *
     * @param relationCode ONDE's code (10 mère, 20 père, … 51 aide sociale à l'enfance, 90 autre lien), null when
     *     ONDE links them without one
     */
    public record Link(String responsableId, String relationCode, boolean parentalAuthority) {
    }

    /** {@code fr.ent.onde.pupil.class-changed.v1}: the pupil moved to another class of the same school and year. */
    public record ClassChanged(String uai, String schoolYear, String pupilId, String fromClassId, String toClassId) {
    }

    /** {@code fr.ent.onde.pupil.left.v1}: the pupil is no longer an eligible pupil of the school for the year. */
    public record Left(String uai, String schoolYear, String pupilId) {
    }
}
