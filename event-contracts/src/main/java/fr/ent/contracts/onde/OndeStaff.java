package fr.ent.contracts.onde;

/**
 * {@code fr.ent.onde.staff.upserted.v1}: a member of a school's staff, published once per school they belong to.
 *
 * @param teacher whether they teach (an ENS function or a teacher category)
 * @param director whether they direct this school (ENTEnsFonctionDir)
 */
public record OndeStaff(String uai, String staffId, String civility, String lastName, String firstName, String email,
        boolean teacher, boolean director) {

    /** {@code fr.ent.onde.staff.removed.v1}: no longer staff of the school. */
    public record Removed(String uai, String staffId) {
    }
}
