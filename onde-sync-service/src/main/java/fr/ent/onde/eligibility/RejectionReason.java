package fr.ent.onde.eligibility;

/** Why a pupil of an ONDE export is not imported (ONDE-2); a pupil gets every reason that applies. */
public enum RejectionReason {
    /** Rule 1: the INE is empty. */
    INE_MISSING,
    /** Rule 1: the INE has neither official shape (RNIE, BEA). */
    INE_INVALID,
    /** Rule 2: admitted provisionally, only registered, or struck off — not admitted definitively. */
    NOT_ADMITTED_DEFINITIVELY,
    /** Rule 3: not assigned to a class ("non réparti"). */
    NO_CLASS,
    /** Rule 4: schooled in another year than the académie's current school year. */
    NOT_CURRENT_SCHOOL_YEAR,
    /** Rule 5: no responsable (person or organisation) holding parental authority. */
    NO_PARENTAL_AUTHORITY
}
