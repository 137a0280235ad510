package fr.ent.rollover.notification;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.rollover.Notification;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.messaging.Outbox;
import fr.ent.support.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The owner of tables {@code notification} and {@code notification_read}: notifications to the people of a school in
 * a role, each made once, published on {@code rollover.notifications} and readable in the suite.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    /** A notification as its reader sees it. */
    public record Seen(UUID id, String kind, String uai, String schoolYear, String title, String message,
            Instant createdAt, boolean read) {
    }

    private static final String MAIL_FOOTER = "\n\n-- \nMessage envoyé par l'ENT ; retrouvez vos notifications dans l'ENT.";

    private final Sql sql;
    private final Outbox outbox;

    public Notifications(Sql sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    /** The directeur of a school whose data of the year are applied by every service: once per school and year. */
    public void schoolReady(String uai, String schoolYear, Instant at) {
        if (notify(Notification.SCHOOL_READY, uai, Roles.DIRECTEUR, schoolYear, "Les données de votre école sont prêtes",
                "Les données " + schoolYear + " de votre école (" + uai + ") sont prêtes ; les enseignants peuvent "
                        + "choisir leur classe.", at)) {
            LOG.infof("school %s ready for %s: its directeur is notified", uai, schoolYear);
        }
    }

    /**
     * A notification to the people of a school in a role, made once per kind, school, role and year: recorded,
     * published on {@code rollover.notifications}, and e-mailed to each of them whose address ONDE gives (the
     * school's directeurs for {@code directeur}, its teachers for {@code enseignant}). False when it existed already.
     */
    public boolean notify(String kind, String uai, String role, String schoolYear, String title, String message,
            Instant at) {
        Notification n = new Notification(UUID.randomUUID(), kind, uai, role, schoolYear, title, message, at);
        if (sql.update("INSERT INTO notification (id, kind, uai, role, school_year, title, message, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", n.notificationId(), kind, uai, role,
                schoolYear, title, message, at) == 0) {
            return false;
        }
        outbox.publish(Topics.NOTIFICATIONS, uai, EventTypes.ROLLOVER_NOTIFICATION, n.notificationId().toString(), n);
        String who = Roles.DIRECTEUR.equals(role) ? "director" : Roles.ENSEIGNANT.equals(role) ? "teacher" : null;
        if (who != null) {
            sql.update("INSERT INTO mail_out (id, notification_id, recipient, subject, body, created_at, next_attempt_at) "
                    + "SELECT gen_random_uuid(), ?, lower(email), ?, ?, ?, now() FROM rollover_staff WHERE uai = ? AND "
                    + who + " AND email IS NOT NULL GROUP BY lower(email) ON CONFLICT DO NOTHING", n.notificationId(),
                    title, message + MAIL_FOOTER, at, uai);
        }
        return true;
    }

    /** The notifications of these schools for these roles, the latest first, with whether the person read each. */
    public List<Seen> of(Collection<String> uais, Collection<String> roles, String person) {
        return sql.list("SELECT n.id, n.kind, n.uai, n.school_year, n.title, n.message, n.created_at, "
                + "r.person IS NOT NULL FROM notification n LEFT JOIN notification_read r ON r.notification_id = n.id "
                + "AND r.person = ? WHERE n.uai = ANY (?::text[]) AND n.role = ANY (?::text[]) "
                + "ORDER BY n.created_at DESC, n.id LIMIT 200", Notifications::seen, person, Sql.texts(uais),
                Sql.texts(roles));
    }

    /** Marks it read for the person (again: no change); false when it is not one of theirs. */
    public boolean read(UUID id, Collection<String> uais, Collection<String> roles, String person) {
        return sql.one("WITH mine AS (SELECT n.id FROM notification n WHERE n.id = ? AND n.uai = ANY (?::text[]) "
                + "AND n.role = ANY (?::text[])), marked AS (INSERT INTO notification_read (notification_id, person, "
                + "read_at) SELECT id, ?, now() FROM mine ON CONFLICT DO NOTHING) SELECT count(*) FROM mine",
                row -> row.getInt(1) == 1, id, Sql.texts(uais), Sql.texts(roles), person).orElse(false);
    }

    private static Seen seen(ResultSet row) throws SQLException {
        return new Seen(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getTimestamp(7).toInstant(), row.getBoolean(8));
    }
}
