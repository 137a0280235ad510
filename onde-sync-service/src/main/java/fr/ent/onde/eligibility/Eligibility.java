package fr.ent.onde.eligibility;

import fr.ent.contracts.SchoolYear;
import java.util.EnumSet;
import java.util.Set;

/** ONDE-2: a pupil is imported only if all five rules hold. */
public final class Eligibility {

    static final String ADMITTED_DEFINITIVELY = "ADMIS_DEFINITIVEMENT";

    private Eligibility() {
    }

    /** Every rule the pupil fails; empty when the pupil is imported. */
    public static Set<RejectionReason> rejections(PupilFacts pupil, SchoolYear currentYear) {
        Set<RejectionReason> reasons = EnumSet.noneOf(RejectionReason.class);
        if (pupil.ine() == null || pupil.ine().isBlank()) {
            reasons.add(RejectionReason.INE_MISSING);
        } else if (!Ine.isValid(pupil.ine())) {
            reasons.add(RejectionReason.INE_INVALID);
        }
        if (!ADMITTED_DEFINITIVELY.equals(pupil.admissionStatus())) {
            reasons.add(RejectionReason.NOT_ADMITTED_DEFINITIVELY);
        }
        if (pupil.classIds() == null || pupil.classIds().isEmpty()) {
            reasons.add(RejectionReason.NO_CLASS);
        }
        if (!currentYear.toString().equals(pupil.schoolYear())) {
            reasons.add(RejectionReason.NOT_CURRENT_SCHOOL_YEAR);
        }
        if (pupil.responsablesWithAuthority() == null || pupil.responsablesWithAuthority().isEmpty()) {
            reasons.add(RejectionReason.NO_PARENTAL_AUTHORITY);
        }
        return reasons;
    }
}
