package fr.ent.identity.account;

/** Who an account is for: a pupil, a responsable (parent), or a member of a school's staff. */
public enum Kind {
    PUPIL, PARENT, STAFF
}
