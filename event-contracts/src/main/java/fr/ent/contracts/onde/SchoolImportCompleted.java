package fr.ent.contracts.onde;

import java.util.UUID;

/**
 * {@code fr.ent.onde.import.school-completed.v1}: the marker after the last change an import made to a school. A
 * consumer that has applied everything before it acknowledges it ({@code fr.ent.<service>.import-applied.v1}).
 *
 * @param complete whether the import was a complete export (one that removes what it no longer contains)
 * @param counts the school as it stands after the import
 */
public record SchoolImportCompleted(UUID importId, String uai, String schoolYear, boolean complete, Counts counts) {

    /**
     * @param pupils eligible pupils imported
     * @param rejected pupils refused by the eligibility rules (ONDE-2)
     * @param changes events this import published for the school before this marker
     */
    public record Counts(int pupils, int rejected, int classes, int responsables, int staff, int changes) {
    }
}
