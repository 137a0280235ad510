package fr.ent.identity.keycloak;

import fr.ent.identity.account.Account;
import fr.ent.identity.account.Accounts;
import fr.ent.identity.account.State;
import fr.ent.identity.config.IdentityConfig;
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
 * Brings Keycloak in step with the accounts, apart from the ONDE import (which never waits on Keycloak): every account
 * whose version Keycloak has not caught up with — staff with an ENT role, and pupils and parents once they have a
 * user — is made, updated, disabled or deleted there, then marked with the version Keycloak has. A crash midway, a
 * Keycloak restart or outage: the next rounds converge, since every step can be done again. An account Keycloak
 * refuses is tried again after {@code retry-after}, its reason kept in {@code account.sync_error}.
 */
@ApplicationScoped
public class Provisioner {

    private static final Logger LOG = Logger.getLogger(Provisioner.class);

    private final Accounts accounts;
    private final KeycloakUsers users;
    private final IdentityConfig.Keycloak config;
    private ScheduledExecutorService scheduler;
    private volatile boolean failing;

    public Provisioner(Accounts accounts, KeycloakUsers users, IdentityConfig config) {
        this.accounts = accounts;
        this.users = users;
        this.config = config.keycloak();
    }

    void start(@Observes StartupEvent event) {
        if (config.provisionEvery().isZero()) {
            LOG.info("Keycloak provisioning is off (ent.identity.keycloak.provision-every=0)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "keycloak-provisioner"));
        long every = config.provisionEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void run() {
        try {
            int done;
            do {
                done = round();
            } while (done == config.provisionBatch() && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Keycloak provisioning round failed; trying again in %s", config.provisionEvery());
        }
    }

    /** One batch of accounts; returns how many were looked at. */
    public int round() {
        List<Account> batch = accounts.toProvision(config.provisionBatch());
        int failed = 0;
        for (Account account : batch) {
            try {
                provision(account);
            } catch (RuntimeException e) {
                failed++;
                boolean news = accounts.provisionFailed(account.personId(), reason(e),
                        Instant.now().plus(config.retryAfter()));
                if (news && !failing) {
                    LOG.warnf("Keycloak did not take account %s (%s): %s; retried after %s", account.personId(),
                            account.login(), reason(e), config.retryAfter());
                }
            }
        }
        boolean nowFailing = failed > 0 && failed == batch.size();
        if (nowFailing != failing) {
            LOG.infof(nowFailing ? "Keycloak provisioning is failing: accounts wait and are retried"
                    : "Keycloak provisioning works again");
        }
        failing = nowFailing;
        return batch.size();
    }

    private void provision(Account account) {
        if (account.state() == State.DELETED) {
            if (account.keycloakId() != null) {
                users.delete(account.keycloakId());
            }
            accounts.provisioned(account.personId(), account.version(), null);
        } else {
            accounts.provisioned(account.personId(), account.version(), users.put(account));
        }
    }

    static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
