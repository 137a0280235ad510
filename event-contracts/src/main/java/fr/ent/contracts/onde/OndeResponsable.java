package fr.ent.contracts.onde;

/**
 * {@code fr.ent.onde.responsable.upserted.v2}: a responsable of at least one eligible pupil of the school, who they
 * are and how to reach them. Published per school before the rosters ({@link OndeClass}) that link pupils to them, and
 * again when their details change; a roster names them only by id. Only responsables of eligible pupils become ENT
 * accounts; one responsable of pupils in two schools is published for each.
 *
 * <p>v2 because v1 went with the one-event-per-pupil contract; v2 takes the responsable's details out of the rosters
 * of {@code class.upserted.v2}, where a new phone number republished every roster of the family.
 *
 * @param kind PERSON, or ORGANISATION (aide sociale à l'enfance: relation code 51 to a pupil of the school)
 */
public record OndeResponsable(String uai, String responsableId, String kind, String civility, String lastName,
        String firstName, String email, String phoneHome, String phoneMobile, String phoneWork) {

    public static final String PERSON = "PERSON";
    public static final String ORGANISATION = "ORGANISATION";

    /** {@code fr.ent.onde.responsable.removed.v1}: no eligible pupil of the school links to them any more. */
    public record Removed(String uai, String responsableId) {
    }
}
