package fr.ent.contracts.onde;

/**
 * A responsable of a pupil, in the pupil's entry of a class roster: who they are and how they are linked to the pupil.
 * Only responsables of eligible pupils become ENT accounts; one responsable of several pupils appears under each, the
 * same.
 *
 * @param relationCode ONDE's code (10 mère, 20 père, … 51 aide sociale à l'enfance, 90 autre lien), null when ONDE
 *     links them without one
 * @param parentalAuthority whether they hold parental authority over this pupil
 * @param kind PERSON, or ORGANISATION (aide sociale à l'enfance, relation code 51 to a pupil of the school)
 */
public record OndeResponsable(String responsableId, String relationCode, boolean parentalAuthority, String kind,
        String civility, String lastName, String firstName, String email, String phoneHome, String phoneMobile,
        String phoneWork) {

    public static final String PERSON = "PERSON";
    public static final String ORGANISATION = "ORGANISATION";

    /** {@code fr.ent.onde.responsable.removed.v1}: no eligible pupil of the school links to them any more. */
    public record Removed(String uai, String responsableId) {
    }
}
