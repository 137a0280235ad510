package fr.ent.identity.account;

import fr.ent.identity.config.IdentityConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes the accounts disabled for longer than {@code ent.identity.retention} (3 months by default: people who no
 * longer belong keep nothing in the ENT after that), a few hundred per transaction, each batch told on
 * {@code identity.events}; their Keycloak users follow through the provisioner. Their logins stay reserved.
 */
@ApplicationScoped
public class AccountRetention {

    private static final Logger LOG = Logger.getLogger(AccountRetention.class);
    private static final int BATCH = 500;

    private final Accounts accounts;
    private final AccountEvents events;
    private final IdentityConfig config;
    private ScheduledExecutorService scheduler;

    public AccountRetention(Accounts accounts, AccountEvents events, IdentityConfig config) {
        this.accounts = accounts;
        this.events = events;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.purgeEvery().isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "account-retention"));
        scheduler.scheduleWithFixedDelay(this::run, 1, config.purgeEvery().toSeconds(), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void run() {
        try {
            int deleted = purge(Instant.now().minus(config.retention()));
            if (deleted > 0) {
                LOG.infof("%d accounts disabled for more than %s deleted", deleted, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not delete the accounts past their retention; trying again in %s", config.purgeEvery());
        }
    }

    /** Deletes the accounts disabled before {@code before}; returns how many. */
    public int purge(Instant before) {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                List<Account> gone = accounts.deleteDisabledBefore(before, BATCH);
                events.deleted(gone);
                return gone.size();
            });
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
