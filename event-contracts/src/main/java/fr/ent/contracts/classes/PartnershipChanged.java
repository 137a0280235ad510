package fr.ent.contracts.classes;

import java.util.List;

/**
 * {@code fr.ent.class.partnership.v1} on {@code class.events}, keyed by the owner school's UAI: a partnership between
 * classes as it is now (CLS-4) — event-carried state, published when it is made, when a class joins, and at the
 * switchover: an ordinary partnership ends with its school year ({@code ended}, its classes as they were); one of an
 * école départementale keeps its code and content and only releases the classes of the closing year, so that the
 * new year's classes rejoin it.
 *
 * @param ownerSchoolYear the school year of the class it was made for
 * @param classes the member classes now
 */
public record PartnershipChanged(String partnershipId, String code, String name, String ownerUai,
        String ownerSchoolYear, boolean departmental, List<MemberClass> classes, boolean ended) {

    /** A member class, known by (UAI, school year, class id). */
    public record MemberClass(String uai, String schoolYear, String classId) {
    }
}
