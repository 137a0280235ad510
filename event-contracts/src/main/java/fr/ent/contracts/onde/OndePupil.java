package fr.ent.contracts.onde;

import java.util.List;

/**
 * An eligible pupil (ONDE-2) in the roster of their class ({@link OndeClass}).
 *
 * @param pupilId the ONDE join key, stable across years
 * @param birthDate ISO date, or null when ONDE's was unreadable
 * @param responsables the pupil's responsables, by responsable id
 */
public record OndePupil(String pupilId, String ine, String firstName, String lastName, String birthDate, String level,
        List<OndeResponsable> responsables) {

    /**
     * {@code fr.ent.onde.pupil.left.v1}: the pupil is no longer an eligible pupil of the school for the year (a pupil
     * who only moved to another class of the school is in that class's roster instead).
     */
    public record Left(String uai, String schoolYear, String pupilId) {
    }
}
