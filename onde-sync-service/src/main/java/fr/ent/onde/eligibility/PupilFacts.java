package fr.ent.onde.eligibility;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the eligibility rules need to know of a pupil, as the export states it.
 *
 * @param admissionStatus {@code ENTEleveStatutAdmission}: ADMIS_DEFINITIVEMENT, ADMIS_PROVISOIREMENT, INSCRIT, RADIE
 * @param classIds the ONDE ids of the pupil's classes ({@code ENTPersonClasses})
 * @param schoolYear {@code ENTEleveAnneeScolaire}, e.g. 2018-2019
 * @param responsablesWithAuthority the responsables of {@code ENTEleveAutoriteParentale} that the export contains
 */
public record PupilFacts(String ine, String admissionStatus, List<String> classIds, String schoolYear,
        List<String> responsablesWithAuthority) {

    /**
     * The facts read from a pupil's ONDE attributes, the one way both the export's check and the comparison with
     * what was published read them.
     *
     * @param first an attribute's first value (null when absent)
     * @param all an attribute's values (empty when absent)
     * @param knownResponsable whether a responsable named by {@code ENTEleveAutoriteParentale} exists
     */
    public static PupilFacts fromOnde(Function<String, String> first, Function<String, List<String>> all,
            Predicate<String> knownResponsable) {
        return new PupilFacts(first.apply("ENTEleveINE"), first.apply("ENTEleveStatutAdmission"),
                classIds(all.apply("ENTPersonClasses")), first.apply("ENTEleveAnneeScolaire"),
                responsables(all.apply("ENTEleveAutoriteParentale"), knownResponsable));
    }

    /** The class ids of {@code ENTPersonClasses} values ({@code school$classId$className}); malformed ones skipped. */
    public static List<String> classIds(List<String> values) {
        List<String> ids = new ArrayList<>(values.size());
        for (String value : values) {
            String[] fields = value.split("\\$");
            if (fields.length >= 3) {
                ids.add(fields[1]);
            }
        }
        return ids;
    }

    /** The responsables of {@code ENTEleveAutoriteParentale} values ({@code responsableId$relation}), once each. */
    private static List<String> responsables(List<String> values, Predicate<String> known) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values) {
            String id = value.split("\\$")[0];
            if (known.test(id)) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }
}
