package fr.ent.contracts.classes;

import java.util.UUID;

/**
 * The acknowledgements a service publishes on its own topic, keyed by UAI.
 */
public final class Acknowledgement {

    private Acknowledgement() {
    }

    /**
     * {@code fr.ent.class.import-applied.v1}: everything an import published for the school before its
     * {@code import.school-completed} marker is applied.
     */
    public record ImportApplied(UUID importId, String uai, String schoolYear) {
    }

    /**
     * {@code fr.ent.class.year-switch-applied.v1}: the school's classes of {@code fromYear} are closed, their teacher
     * links, work groups and class partnerships ended.
     */
    public record YearSwitchApplied(UUID switchoverId, String uai, String fromYear, String toYear, int classesClosed,
            int teacherLinksEnded, int groupsEnded, int partnershipsEnded, int departmentalPartnershipsKept) {
    }
}
