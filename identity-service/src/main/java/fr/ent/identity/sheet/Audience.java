package fr.ent.identity.sheet;

/** Whose sheets: the class's pupils (IDN-4) or their parents (IDN-5). */
public enum Audience {
    PUPILS, PARENTS
}
