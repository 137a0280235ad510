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
 * @param scope what a delta affects in the school, when only that is compared; null: the school is compared whole
 */
record SchoolInput(String uai, String joinKey, Attributes school, Map<String, Attributes> pupils,
        Map<String, Attributes> responsables, Map<String, Attributes> staff, Map<String, Map<String, String>> published,
        SchoolUpserted publishedSchool, Scope scope) {

    /**
     * What a delta affects in one school (ImportState.loadScoped). The pupils loaded are those the delta affects and
     * those linked to these responsables; the published rosters loaded are these classes'.
     *
     * @param classes the classes whose rosters are compared: every class an affected pupil is in, before or after
     * @param responsables the responsables whose published state is compared: named by the delta or linked to an
     *     affected pupil (with every pupil of the school linked to them loaded)
     * @param otherClasses the rosters of the school year published for the school's other classes, which stay as they are
     * @param otherPupils the pupils in those rosters
     * @param carried the school's earlier rejections of pupils neither affected nor loaded, which stand
     * @param kept the pupils of these classes that are not loaded, by id, each with the class ONDE places them in:
     *     nothing that makes their roster entry changed, so their entry in their class's published roster stands
     */
    record Scope(java.util.Set<String> classes, java.util.Set<String> responsables, int otherClasses, int otherPupils,
            List<SchoolDiff.Rejected> carried, Map<String, Place> kept) {
    }

    /** The class ONDE places a pupil in: its id and the name the pupil's value gives it. */
    record Place(String classId, String className) {
    }

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
