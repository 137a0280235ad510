package fr.ent.contracts.onde;

/**
 * {@code fr.ent.onde.school.upserted.v1} on {@code onde.changes}, keyed by UAI: a school as ONDE last described it.
 *
 * @param type the ONDE structure type (e.g. {@code ECOLE ELEMENTAIRE PUBLIQUE})
 * @param district the circonscription
 * @param departmental whether it is an école départementale, whose partnerships outlive the school year
 */
public record SchoolUpserted(String uai, String name, String type, String academyCode, String academy,
        String town, String district, boolean departmental) {
}
