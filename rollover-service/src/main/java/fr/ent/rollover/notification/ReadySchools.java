package fr.ent.rollover.notification;

import fr.ent.rollover.config.Participants;
import fr.ent.rollover.progress.SchoolReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * After an import's marker or a participant's {@code import-applied} for a school: the school may be ready for the
 * import's school year now, and then its directeur is told (once per school and year).
 */
@ApplicationScoped
public class ReadySchools {

    private final SchoolReadiness readiness;
    private final Notifications notifications;
    private final Participants participants;

    public ReadySchools(SchoolReadiness readiness, Notifications notifications, Participants participants) {
        this.readiness = readiness;
        this.notifications = notifications;
        this.participants = participants;
    }

    public void check(UUID importId, String uai, Instant now) {
        String year = readiness.readyNow(importId, uai, participants.names(), now);
        if (year != null) {
            notifications.schoolReady(uai, year, now);
        }
    }
}
