package fr.ent.onde.aaf;

import java.util.List;
import java.util.Map;

/**
 * One request of an AAF export: add, modify (replace the named attributes) or delete an entity.
 *
 * @param category {@code categoriePersonne} (Eleve, PersRelEleve, PersEducNat) or {@code categorieStructure}
 * @param attributes attribute name → values, in file order (several for a multi-valued attribute)
 * @param line where the request starts in its file, for error messages
 */
public record AafEntry(Operation operation, String category, String id, Map<String, List<String>> attributes,
        int line) {

    public enum Operation { ADD, MODIFY, DELETE }

    /** The first value of an attribute, or null when the entry does not carry it. */
    public String value(String attribute) {
        List<String> values = attributes.get(attribute);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> values(String attribute) {
        return attributes.getOrDefault(attribute, List.of());
    }
}
