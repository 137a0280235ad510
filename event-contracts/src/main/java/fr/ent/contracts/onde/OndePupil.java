package fr.ent.contracts.onde;

import java.util.List;

/**
 * An eligible pupil (ONDE-2) in the roster of their class ({@link OndeClass}).
 *
 * @param pupilId the ONDE join key, stable across years
 * @param birthDate ISO date, or null when ONDE's was unreadable
 * @param responsables how the pupil is linked to responsables, by responsable id (who they are:
 *     {@link OndeResponsable})
 */
public record OndePupil(String pupilId, String ine, String firstName, String lastName, String birthDate, String level,
        List<Link> responsables) {

    /**
     * A responsable of the pupil.
     *
     * @param relationCode ONDE's code (10 mère, 20 père, … 51 aide sociale à l'enfance, 90 autre lien), null when ONDE
     *     links them without one
     * @param parentalAuthority whether they hold parental authority over this pupil
     */
    public record Link(String responsableId, String relationCode, boolean parentalAuthority) {
    }

    /**
     * {@code fr.ent.onde.pupil.left.v1}: the pupil is no longer an eligible pupil of the school for the year (a pupil
     * who only moved to another class of the school is in that class's roster instead).
     */
    public record Left(String uai, String schoolYear, String pupilId) {
    }
}
