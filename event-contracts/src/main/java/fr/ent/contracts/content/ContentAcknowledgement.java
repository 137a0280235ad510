package fr.ent.contracts.content;

import java.util.Map;
import java.util.UUID;

/** What content-service publishes on {@code content.events}, keyed by UAI. */
public final class ContentAcknowledgement {

    private ContentAcknowledgement() {
    }

    /**
     * {@code fr.ent.content.year-switch-applied.v1}: the retention matrix is applied to the school's spaces of
     * {@code fromYear}: archives for the teachers written and verified first, then deleted what it deletes.
     *
     * @param counts application → kept, archived (items archived, whatever the number of teachers they were archived
     *     for) and deleted
     */
    public record YearSwitchApplied(UUID switchoverId, String uai, String fromYear, String toYear, int spacesClosed,
            Map<String, Counts> counts) {
    }

    public record Counts(int kept, int archived, int deleted) {
    }

    /** {@code fr.ent.content.import-applied.v1}: everything an import published for the school before its marker. */
    public record ImportApplied(UUID importId, String uai, String schoolYear) {
    }
}
