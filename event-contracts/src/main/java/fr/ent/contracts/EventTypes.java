package fr.ent.contracts;

/**
 * The CloudEvents types of the suite's events ({@code ce_type}). A breaking change of a payload gets a new
 * version suffix; each type has its JSON Schema at {@link #schemaPath(String)}.
 */
public final class EventTypes {

    public static final String ONDE_SCHOOL_UPSERTED = "fr.ent.onde.school.upserted.v1";
    public static final String ONDE_SCHOOL_REMOVED = "fr.ent.onde.school.removed.v1";
    /** The class with its roster (pupils and their responsables); v1 had the class alone. */
    public static final String ONDE_CLASS_UPSERTED = "fr.ent.onde.class.upserted.v3";
    public static final String ONDE_CLASS_REMOVED = "fr.ent.onde.class.removed.v1";
    public static final String ONDE_PUPIL_LEFT = "fr.ent.onde.pupil.left.v1";
    public static final String ONDE_RESPONSABLES_UPSERTED = "fr.ent.onde.responsables.upserted.v1";
    public static final String ONDE_RESPONSABLE_REMOVED = "fr.ent.onde.responsable.removed.v1";
    public static final String ONDE_STAFF_UPSERTED = "fr.ent.onde.staff.upserted.v1";
    public static final String ONDE_STAFF_REMOVED = "fr.ent.onde.staff.removed.v1";
    public static final String ONDE_SCHOOL_IMPORT_COMPLETED = "fr.ent.onde.import.school-completed.v1";
    public static final String CLASS_TEACHER_ASSIGNED = "fr.ent.class.teacher-assigned.v1";
    public static final String CLASS_CONFIGURED = "fr.ent.class.configured.v1";
    /** A work group as it is now (event-carried state): made, members changed, ended by the switchover. */
    public static final String CLASS_WORK_GROUP = "fr.ent.class.work-group.v1";
    /** A partnership between classes as it is now (event-carried state). */
    public static final String CLASS_PARTNERSHIP = "fr.ent.class.partnership.v1";
    public static final String CLASS_IMPORT_APPLIED = "fr.ent.class.import-applied.v1";
    public static final String CLASS_YEAR_SWITCH_APPLIED = "fr.ent.class.year-switch-applied.v1";
    public static final String CONTENT_IMPORT_APPLIED = "fr.ent.content.import-applied.v1";
    public static final String CONTENT_YEAR_SWITCH_APPLIED = "fr.ent.content.year-switch-applied.v1";
    public static final String IDENTITY_IMPORT_APPLIED = "fr.ent.identity.import-applied.v1";
    public static final String IDENTITY_YEAR_SWITCH_APPLIED = "fr.ent.identity.year-switch-applied.v1";
    public static final String IDENTITY_ACCOUNTS_CREATED = "fr.ent.identity.accounts.created.v1";
    public static final String IDENTITY_ACCOUNTS_DISABLED = "fr.ent.identity.accounts.disabled.v1";
    public static final String IDENTITY_ACCOUNTS_ENABLED = "fr.ent.identity.accounts.enabled.v1";
    public static final String IDENTITY_ACCOUNTS_DELETED = "fr.ent.identity.accounts.deleted.v1";
    public static final String ROLLOVER_NOTIFICATION = "fr.ent.rollover.notification.v1";
    public static final String ROLLOVER_YEAR_SWITCHED = "fr.ent.rollover.year-switched.v1";

    /**
     * Types of {@code onde.changes} that nothing publishes any more: the class roster
     * ({@code fr.ent.onde.class.upserted.v3}) and the responsables ({@code fr.ent.onde.responsables.upserted.v1}) carry
     * what they did. A consumer that still finds one (published
     * before an upgrade, not yet consumed) must not skip it silently.
     */
    public static final java.util.Set<String> RETIRED = java.util.Set.of("fr.ent.onde.class.upserted.v1",
            "fr.ent.onde.pupil.enrolled.v1", "fr.ent.onde.pupil.updated.v1", "fr.ent.onde.pupil.class-changed.v1",
            "fr.ent.onde.responsable.upserted.v1", "fr.ent.onde.class.upserted.v2");

    private EventTypes() {
    }

    /** Where the JSON Schema of a type is on the class path. */
    public static String schemaPath(String type) {
        return "schemas/" + type + ".json";
    }
}
