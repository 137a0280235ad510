package fr.ent.contracts.rollover;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code fr.ent.rollover.notification.v1} on {@code rollover.notifications}, keyed by UAI: a notification to the people
 * of a school who hold a role.
 */
public record Notification(UUID notificationId, String kind, String uai, String role, String schoolYear, String title,
        String message, Instant createdAt) {

    /** The school's data of the new year are applied by every service: teachers may choose their class. */
    public static final String SCHOOL_READY = "SCHOOL_READY";

    /**
     * Kinds {@code BACKUP_REMINDER_<delay>} (e.g. {@code BACKUP_REMINDER_P14D}): a switchover is scheduled; teachers
     * back up what they want to keep of their classes before it (CNT-5).
     */
    public static String backupReminder(java.time.Duration before) {
        return "BACKUP_REMINDER_" + before.toDays() + "D";
    }
}
