package fr.ent.identity.account;

/**
 * ACTIVE while the person belongs to a school; DISABLED at once when they no longer do (they cannot log in); DELETED
 * once the retention has passed (no Keycloak user, no personal data; the login stays reserved).
 */
public enum State {
    ACTIVE, DISABLED, DELETED
}
