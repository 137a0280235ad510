package fr.ent.rollover.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.support.jdbc.Sql;
import fr.ent.testsupport.RealServersResource;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A mail claimed by an instance (its claim not run out) is left to it by the others; once the claim runs out it is
 * sent, once, and marked sent with its attempt counted.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class MailSenderTest {

    @Inject
    Sql sql;

    @Inject
    MockMailbox mailbox;

    @Test
    void aClaimedMailIsLeftToItsSenderUntilTheClaimRunsOut() throws Exception {
        String to = "claimed." + UUID.randomUUID() + "@ac-test.fr";
        UUID mail = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            UUID notification = UUID.randomUUID();
            sql.update("INSERT INTO notification (id, kind, uai, role, school_year, title, message, created_at) "
                    + "VALUES (?, 'TEST', '0540099Z', 'enseignant', ?, 'Essai', 'Essai', now())", notification,
                    notification.toString().substring(0, 9));
            sql.update("INSERT INTO mail_out (id, notification_id, recipient, subject, body, created_at, "
                    + "next_attempt_at) VALUES (?, ?, ?, 'Essai', 'Un essai.', now(), ?)", mail, notification, to,
                    Timestamp.from(Instant.now().plusSeconds(2)));
        });
        // The sender runs every 0.2 s in tests: for two seconds the mail is somebody else's.
        Thread.sleep(1_200);
        assertEquals(0, mailsTo(to), "a claimed mail is not sent by another round");
        assertFalse(sent(mail));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(mail));
        assertEquals(1, mailsTo(to));
        assertEquals(1, sql.one("SELECT attempts FROM mail_out WHERE id = ?", row -> row.getInt(1), mail).orElseThrow());
        Thread.sleep(600);
        assertEquals(1, mailsTo(to), "sent once");
        assertTrue(sent(mail));
    }

    private int mailsTo(String to) {
        return mailbox.getMailsSentTo(to) == null ? 0 : mailbox.getMailsSentTo(to).size();
    }

    private boolean sent(UUID mail) {
        return sql.one("SELECT sent_at IS NOT NULL FROM mail_out WHERE id = ?", row -> row.getBoolean(1), mail)
                .orElseThrow();
    }
}
