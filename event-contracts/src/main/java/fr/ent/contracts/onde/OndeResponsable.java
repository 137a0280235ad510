package fr.ent.contracts.onde;

import java.util.List;

/**
 * {@code fr.ent.onde.responsable.upserted.v1}: a responsable of at least one eligible pupil of the school — only such
 * responsables become ENT accounts. Published per school: one responsable of children in two schools is upserted in both.
 *
 * @param kind PERSON, or ORGANISATION (aide sociale à l'enfance, relation code 51)
 * @param pupils the eligible pupils of this school they are responsable for
 */
public record OndeResponsable(String uai, String responsableId, String kind, String civility, String lastName,
        String firstName, String email, String phoneHome, String phoneMobile, String phoneWork, List<Child> pupils) {

    public static final String PERSON = "PERSON";
    public static final String ORGANISATION = "ORGANISATION";

    /** The responsable's side of a pupil↔responsable link. */
    public record Child(String pupilId, String relationCode, boolean parentalAuthority) {
    }

    /** {@code fr.ent.onde.responsable.removed.v1}: no eligible pupil of the school links to them any more. */
    public record Removed(String uai, String responsableId) {
    }
}
