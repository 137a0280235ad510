package fr.ent.content.retention;

/** What the switchover does to a space's content. */
public enum Fate {
    /** Stays where it is. */
    KEEP,
    /** Archived for the teacher, who may recover it into the new class at first connection (CNT-2). */
    ARCHIVE,
    /** Deleted, after the archives are confirmed. */
    DELETE
}
