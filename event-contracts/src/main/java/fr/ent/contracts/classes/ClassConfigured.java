package fr.ent.contracts.classes;

import java.util.List;

/**
 * {@code fr.ent.class.configured.v1}: a teacher or the directeur set a class's name and levels (CLS-3).
 *
 * @param levels one or several of PS MS GS CP CE1 CE2 CM1 CM2, in school order
 */
public record ClassConfigured(String uai, String schoolYear, String classId, String name, List<String> levels,
        String configuredBy) {
}
