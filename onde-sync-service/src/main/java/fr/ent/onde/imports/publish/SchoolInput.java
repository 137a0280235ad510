package fr.ent.onde.imports.publish;

import fr.ent.contracts.onde.SchoolUpserted;
import java.util.List;
import java.util.Map;

/**
 * Everything one school's changes are computed from: its entities in the state being imported, and what was last
 * published for it.
 *
 * @param joinKey the school's ONDE join key
 * @param school the school's attributes in the new state; null when the school is no longer in ONDE
 * @param pupils pupils attached to the school (id → attributes)
 * @param responsables the responsables those pupils refer to, or who refer to them
 * @param staff staff attached to the school
 * @param published kind → "schoolYear|entityId" → payload, as last published
 * @param publishedSchool the school as last published; null when never
 */
record SchoolInput(String uai, String joinKey, Attributes school, Map<String, Attributes> pupils,
        Map<String, Attributes> responsables, Map<String, Attributes> staff, Map<String, Map<String, String>> published,
        SchoolUpserted publishedSchool) {

    Map<String, String> published(String kind) {
        return published.getOrDefault(kind, Map.of());
    }

    static String key(String schoolYear, String entityId) {
        return schoolYear + "|" + entityId;
    }

    /** An entity's attributes: name → values. */
    record Attributes(Map<String, List<String>> values) {

        String first(String name) {
            List<String> v = values.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }
}
