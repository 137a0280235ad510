package fr.ent.classes.structure;

import java.util.List;

/**
 * A class as its school's people see it.
 *
 * @param levels the configured levels, else ONDE's; empty when nobody set them
 * @param toConfigure no levels yet (CLS-3): its teachers and directeur are asked to set them
 * @param namedPupils three of its pupils, first name and initial (CLS-2), always the same three
 * @param teachers the teachers who chose it this year (ids)
 */
public record ClassView(String uai, String schoolYear, String classId, String name, List<String> levels,
        boolean toConfigure, int pupilCount, List<String> namedPupils, List<String> teachers, boolean closed) {
}
