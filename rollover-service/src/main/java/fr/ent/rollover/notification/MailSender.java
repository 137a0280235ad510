package fr.ent.rollover.notification;

import fr.ent.rollover.config.RolloverConfig;
import fr.ent.support.jdbc.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends the e-mails of notifications (table {@code mail_out}) through the Quarkus Mailer, every
 * {@code ent.rollover.mail.send-every}: a mail the server refuses or cannot take is tried again after
 * {@code retry-after}, its last error kept; none is dropped. Several instances share the work (each claims the mails it
 * sends; the others skip them). On the local stack the server is the mail sink that ./ent starts: it keeps every mail, delivers none.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    private record Pending(UUID id, String recipient, String subject, String body, int attempts, Instant createdAt) {
    }

    private final Sql sql;
    private final Mailer mailer;
    private final RolloverConfig config;
    private final Counter sent;
    private final Counter failed;
    private ScheduledExecutorService scheduler;

    public MailSender(Sql sql, Mailer mailer, RolloverConfig config, MeterRegistry metrics) {
        this.sql = sql;
        this.mailer = mailer;
        this.config = config;
        this.sent = metrics.counter("ent.mail.sent");
        this.failed = metrics.counter("ent.mail.failures");
    }

    void start(@Observes StartupEvent event) {
        if (config.mail().sendEvery().isZero()) {
            LOG.info("e-mails of notifications are not sent (ent.rollover.mail.send-every=0)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "rollover-mail"));
        scheduler.scheduleWithFixedDelay(this::run, 1_000, config.mail().sendEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void run() {
        try {
            sendPending();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not send notification e-mails; trying again in %s", config.mail().sendEvery());
        }
    }

    /**
     * One round: the mails due are claimed for {@code claim-for} in a short transaction (another instance skips
     * them), then sent with no lock or transaction held while the mail server answers, each marked sent or failed in
     * its own. A crash in between leaves them claimed: they are sent again once the claim runs out (a mail may
     * arrive twice; none is lost). Returns how many were sent.
     */
    public int sendPending() {
        List<Pending> claimed = QuarkusTransaction.requiringNew().call(() -> sql.list("UPDATE mail_out SET "
                + "next_attempt_at = ? WHERE id IN (SELECT id FROM mail_out WHERE sent_at IS NULL AND next_attempt_at <= ? "
                + "ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, recipient, subject, body, attempts, "
                + "created_at", row -> new Pending(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                row.getString(4), row.getInt(5), row.getTimestamp(6).toInstant()),
                Timestamp.from(Instant.now().plus(config.mail().claimFor())), Timestamp.from(Instant.now()),
                config.mail().batchSize()));
        int done = 0;
        for (Pending mail : claimed.stream().sorted(Comparator.comparing(Pending::createdAt)).toList()) {
            try {
                mailer.send(Mail.withText(mail.recipient(), mail.subject(), mail.body()));
            } catch (RuntimeException e) {
                failed.increment();
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (mail.attempts() == 0) {
                    LOG.warnf("a notification e-mail to %s was not taken (%s); it is tried again every %s", mail.recipient(),
                            reason, config.mail().retryAfter());
                }
                QuarkusTransaction.requiringNew().run(() -> sql.update("UPDATE mail_out SET attempts = attempts + 1, "
                        + "last_error = ?, next_attempt_at = ? WHERE id = ?", reason.length() > 1000
                        ? reason.substring(0, 1000) : reason, Timestamp.from(Instant.now().plus(
                        config.mail().retryAfter())), mail.id()));
                continue;
            }
            QuarkusTransaction.requiringNew().run(() -> sql.update("UPDATE mail_out SET sent_at = ?, attempts = "
                    + "attempts + 1, last_error = NULL WHERE id = ?", Timestamp.from(Instant.now()), mail.id()));
            sent.increment();
            done++;
        }
        return done;
    }
}
