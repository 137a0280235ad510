package fr.ent.identity.account;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.identity.IdentityEvents;
import fr.ent.contracts.identity.IdentityEvents.AccountRef;
import fr.ent.support.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The life of accounts on {@code identity.events}: a school's accounts at most {@link IdentityEvents#PER_EVENT} an event. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AccountEvents {

    private final Outbox outbox;

    public AccountEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(List<Accounts.Created> accounts) {
        bySchool(accounts, Accounts.Created::uai, a -> new AccountRef(a.personId(), a.login(), a.kind().name()))
                .forEach((uai, refs) -> chunks(refs).forEach(chunk -> outbox.publish(Topics.IDENTITY_EVENTS, uai,
                        EventTypes.IDENTITY_ACCOUNTS_CREATED, uai, new IdentityEvents.AccountsCreated(uai, chunk))));
    }

    public void disabled(List<Accounts.Change> changes) {
        bySchool(changes).forEach((uai, refs) -> chunks(refs).forEach(chunk -> outbox.publish(Topics.IDENTITY_EVENTS,
                uai, EventTypes.IDENTITY_ACCOUNTS_DISABLED, uai, new IdentityEvents.AccountsDisabled(uai, chunk))));
    }

    public void enabled(List<Accounts.Change> changes) {
        bySchool(changes).forEach((uai, refs) -> chunks(refs).forEach(chunk -> outbox.publish(Topics.IDENTITY_EVENTS,
                uai, EventTypes.IDENTITY_ACCOUNTS_ENABLED, uai, new IdentityEvents.AccountsEnabled(uai, chunk))));
    }

    public void deleted(List<Account> accounts) {
        chunks(accounts.stream().map(AccountEvents::ref).toList()).forEach(chunk -> outbox.publish(
                Topics.IDENTITY_EVENTS, chunk.get(0).personId(), EventTypes.IDENTITY_ACCOUNTS_DELETED,
                chunk.get(0).personId(), new IdentityEvents.AccountsDeleted(chunk)));
    }

    private static Map<String, List<AccountRef>> bySchool(List<Accounts.Change> changes) {
        return bySchool(changes, Accounts.Change::uai, c -> ref(c.account()));
    }

    private static <T> Map<String, List<AccountRef>> bySchool(List<T> changes, Function<T, String> uai,
            Function<T, AccountRef> ref) {
        Map<String, List<AccountRef>> refs = new LinkedHashMap<>();
        changes.forEach(c -> refs.computeIfAbsent(uai.apply(c), u -> new ArrayList<>()).add(ref.apply(c)));
        return refs;
    }

    private static AccountRef ref(Account account) {
        return new AccountRef(account.personId(), account.login(), account.kind().name());
    }

    private static List<List<AccountRef>> chunks(List<AccountRef> refs) {
        List<List<AccountRef>> chunks = new ArrayList<>();
        for (int from = 0; from < refs.size(); from += IdentityEvents.PER_EVENT) {
            chunks.add(refs.subList(from, Math.min(refs.size(), from + IdentityEvents.PER_EVENT)));
        }
        return chunks;
    }
}
