package fr.ent.contracts.onde;

import java.util.List;

/**
 * A responsable of at least one eligible pupil of a school: who they are and how to reach them. A roster
 * ({@link OndeClass}) names them only by id; they come in {@link Upserted}, before the rosters that link to them. Only
 * responsables of eligible pupils become ENT accounts.
 *
 * @param kind PERSON, or ORGANISATION (aide sociale à l'enfance: relation code 51 to a pupil of the school)
 */
public record OndeResponsable(String responsableId, String kind, String civility, String lastName, String firstName,
        String email, String phoneHome, String phoneMobile, String phoneWork) {

    public static final String PERSON = "PERSON";
    public static final String ORGANISATION = "ORGANISATION";
    /** The most responsables one {@link Upserted} carries; a school with more changes gets several events. */
    public static final int PER_EVENT = 500;

    /**
     * {@code fr.ent.onde.responsables.upserted.v1}: responsables of the school who appear or changed (each upserted;
     * the others are unchanged). One event for many: a school's first import publishes its few hundred responsables in
     * one or two events, the next day's new phone numbers in one.
     */
    public record Upserted(String uai, List<OndeResponsable> responsables) {
    }

    /** {@code fr.ent.onde.responsable.removed.v1}: no eligible pupil of the school links to them any more. */
    public record Removed(String uai, String responsableId) {
    }
}
