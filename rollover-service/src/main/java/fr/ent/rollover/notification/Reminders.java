package fr.ent.rollover.notification;

import fr.ent.contracts.rollover.Notification;
import fr.ent.rollover.config.RolloverConfig;
import fr.ent.rollover.school.Schools;
import fr.ent.rollover.switchover.Switchover;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * CNT-5: before a scheduled switchover, every teacher of the académie is reminded, at each delay of
 * {@code ent.rollover.remind-before} (14 and 3 days), to back up what they want to keep: a notification per school for
 * role {@code enseignant}, with the school's figures from content-service's preview, e-mailed to each teacher ONDE gives
 * an address for. Each delay is recorded once per switchover (table {@code switchover_reminder}); when several are due
 * at once only the nearest goes out, the others are recorded as passed over. Runs on a thread of its own
 * ({@link #start}), so that telling an académie never delays a switchover's start.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm",
            Locale.FRANCE).withZone(ZoneId.of("Europe/Paris"));

    /** How the notice names each application's items, in French. */
    private static final Map<String, String> ITEMS = Map.of("BLOG", "articles de blog", "MEDIATHEQUE", "médias",
            "CONCOURS_SCOLAIRE", "concours", "GPS", "points de carte", "MINISITE", "pages de mini-site",
            "CAHIER_DE_TEXTES", "entrées du cahier de textes", "CAHIER_DE_LIAISON", "mots du cahier de liaison",
            "AGENDA", "événements d'agenda", "MOTEUR_DE_RECHERCHE", "recherches enregistrées");

    private final Sql sql;
    private final Schools schools;
    private final Notifications notifications;
    private final RolloverConfig config;
    private final ContentPreviews previews;

    public Reminders(Sql sql, Schools schools, Notifications notifications, RolloverConfig config,
            ContentPreviews previews) {
        this.previews = previews;
        this.sql = sql;
        this.schools = schools;
        this.notifications = notifications;
        this.config = config;
    }

    /**
     * The reminders due now of every scheduled switchover, and those claimed but not completed before (a crash midway);
     * returns how many were completed (one per delay sent). Claiming is one short transaction: of several instances,
     * one claims each reminder; the schools are then told one by one, each notification in a transaction of its own,
     * outside the claim (each asks content-service for the school's preview, which may take a while for an académie).
     */
    public int sendDue(Instant now) {
        QuarkusTransaction.requiringNew().run(() -> claimDue(now));
        List<UUID> claimed = sql.list("SELECT r.switchover_id FROM switchover_reminder r JOIN switchover s ON s.id = "
                + "r.switchover_id WHERE r.completed_at IS NULL AND NOT r.passed_over AND s.status = 'SCHEDULED'",
                row -> row.getObject(1, UUID.class));
        int completed = 0;
        for (UUID id : new java.util.LinkedHashSet<>(claimed)) {
            Switchover switchover = sql.one("SELECT id, academy_code, from_year, to_year, scheduled_at FROM "
                    + "switchover WHERE id = ?", Reminders::scheduled, id).orElseThrow();
            for (String before : sql.list("SELECT before FROM switchover_reminder WHERE switchover_id = ? AND "
                    + "completed_at IS NULL AND NOT passed_over", row -> row.getString(1), id)) {
                int reached = remind(switchover, Duration.parse(before), now);
                completed += QuarkusTransaction.requiringNew().call(() -> sql.update("UPDATE switchover_reminder SET "
                        + "completed_at = ?, schools = ? WHERE switchover_id = ? AND before = ? AND completed_at IS NULL",
                        Timestamp.from(Instant.now()), reached, id, before));
            }
        }
        return completed;
    }

    /** Records the reminders due now, the nearest of each switchover to be sent, the others passed over. */
    private void claimDue(Instant now) {
        List<Switchover> scheduled = sql.list("SELECT id, academy_code, from_year, to_year, scheduled_at FROM "
                + "switchover WHERE status = 'SCHEDULED' AND scheduled_at > ? FOR UPDATE SKIP LOCKED",
                Reminders::scheduled, Timestamp.from(now));
        for (Switchover switchover : scheduled) {
            List<Duration> due = config.remindBefore().stream()
                    .filter(before -> !now.isBefore(switchover.scheduledAt().minus(before)))
                    .filter(before -> !recorded(switchover.id(), before))
                    .sorted(Comparator.naturalOrder()).toList();
            for (int i = 0; i < due.size(); i++) {
                boolean nearest = i == 0;
                sql.update("INSERT INTO switchover_reminder (switchover_id, before, recorded_at, schools, passed_over, "
                        + "completed_at) VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING", switchover.id(),
                        key(due.get(i)), Timestamp.from(now), !nearest, nearest ? null : Timestamp.from(now));
            }
        }
    }

    private static Switchover scheduled(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Switchover(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getTimestamp(5).toInstant(), Switchover.Status.SCHEDULED, null, null, null, null, null, null);
    }

    private boolean recorded(UUID switchover, Duration before) {
        return sql.one("SELECT 1 FROM switchover_reminder WHERE switchover_id = ? AND before = ?", row -> true,
                switchover, key(before)).isPresent();
    }

    private java.util.concurrent.ScheduledExecutorService scheduler;

    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r,
                "rollover-reminders"));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sendDue(Instant.now());
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not send the backup reminders due; trying again in %s", config.pollEvery());
            }
        }, 0, config.pollEvery().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void stop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The school's figures from the preview, e.g. " Dans votre école : archivés pour vous, 2 articles de blog …". */
    private static String figures(ContentPreviews.Preview preview) {
        if (preview.archived().isEmpty() && preview.deleted().isEmpty()) {
            return " Dans votre école, aucun contenu de classe n'est concerné pour l'instant.";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (!preview.archived().isEmpty()) {
            parts.add("archivés pour récupération, " + items(preview.archived()));
        }
        if (!preview.deleted().isEmpty()) {
            parts.add("supprimés, " + items(preview.deleted()));
        }
        return " Dans votre école, d'après l'aperçu : " + String.join(" ; ", parts) + ".";
    }

    private static String items(Map<String, Integer> counts) {
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " "
                + ITEMS.getOrDefault(e.getKey(), e.getKey().toLowerCase(Locale.ROOT))).toList());
    }

    /** A delay as recorded: {@code P14D} for whole days (as configured), else ISO-8601 ({@code PT36H}). */
    private static String key(Duration before) {
        return before.toSeconds() % 86_400 == 0 ? "P" + before.toDays() + "D" : before.toString();
    }

    private int remind(Switchover switchover, Duration before, Instant now) {
        List<String> uais = schools.ofAcademy(switchover.academyCode());
        String when = WHEN.format(switchover.scheduledAt());
        String title = "Bascule vers " + switchover.toYear() + " le " + when + " : pensez à vos sauvegardes";
        String message = "L'année " + switchover.fromYear() + " de votre école se termine le " + when
                + ". À cette date, les contenus de vos classes seront traités selon les règles de la bascule : "
                + "certains seront archivés pour que vous les récupériez dans votre classe de " + switchover.toYear()
                + ", d'autres supprimés. Ce que chacune de vos classes perdra est dans l'aperçu de la bascule "
                + "(« Avant la bascule » dans l'ENT, aperçu " + switchover.fromYear() + ") ; sauvegardez avant cette "
                + "date ce que vous "
                + "voulez garder.";
        String missing = null;
        for (String uai : uais) {
            String figures = "";
            if (missing == null) {
                try {
                    figures = figures(previews.of(uai, switchover.fromYear()));
                } catch (java.io.IOException e) {
                    missing = e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    missing = "interrupted";
                }
            }
            String text = message + figures;
            QuarkusTransaction.requiringNew().run(() -> notifications.notify(Notification.backupReminder(before), uai,
                    Roles.ENSEIGNANT, switchover.fromYear(), title, text, now));
        }
        if (missing != null) {
            LOG.warnf("switchover %s: content-service's previews could not be had (%s); the reminders go without "
                    + "their figures", switchover.id(), missing);
        }
        LOG.infof("switchover %s of académie %s: the teachers of %d schools reminded %s before (%s)", switchover.id(),
                switchover.academyCode(), uais.size(), key(before), when);
        return uais.size();
    }
}
