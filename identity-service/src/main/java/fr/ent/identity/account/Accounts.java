package fr.ent.identity.account;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts (owner of {@code account}): made once per person with a login for good, kept in step with what ONDE
 * says of them, their state following where they belong ({@link #refresh}).
 */
@ApplicationScoped
public class Accounts {

    private static final String COLUMNS = "person_id, login, kind, first_name, last_name, email, state, roles, uais, "
            + "keycloak_id, version, credential_at";

    private final Sql sql;
    private final LoginCounters logins;

    public Accounts(Sql sql, LoginCounters logins) {
        this.sql = sql;
        this.logins = logins;
    }

    /** A change of an account's life that the events tell: disabled or enabled, from a school. */
    public record Change(String uai, Account account) {
    }

    /**
     * An account just made, as much of it as its event and the consumer need: whose it is, its login and kind, the
     * school whose event brought it, and whether its memberships give it a school yet. The insert returns only
     * that: reading each whole row back (arrays included) took 9 % of identity-service's samples over P1's import.
     */
    public record Created(String uai, String personId, String login, Kind kind, boolean belongs) {
    }

    /**
     * Accounts for the people who have none, with their logins; the names and e-mail of the others brought up to
     * date (the login never changes). The first facts of a person in the list win. A new account is active, with
     * the schools and roles its person's memberships give now: apply the memberships first.
     *
     * @return the accounts created, with the school whose event brought each
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Created> ensure(List<PersonFacts> facts) {
        Map<String, PersonFacts> people = new LinkedHashMap<>();
        facts.forEach(f -> people.putIfAbsent(f.personId(), f));
        if (people.isEmpty()) {
            return List.of();
        }
        Set<String> known = new HashSet<>(sql.list("SELECT person_id FROM account WHERE person_id = ANY(?)",
                row -> row.getString(1), Sql.texts(people.keySet())));
        List<PersonFacts> newcomers = people.values().stream().filter(f -> !known.contains(f.personId()))
                .sorted(java.util.Comparator.comparing(PersonFacts::personId)).toList();
        List<PersonFacts> others = people.values().stream().filter(f -> known.contains(f.personId())).toList();
        if (!others.isEmpty()) {
            update(others);
        }
        return newcomers.isEmpty() ? List.of() : create(newcomers);
    }

    private List<Created> create(List<PersonFacts> newcomers) {
        // Plain loops over arrays: this ran for each of an académie's half-million new accounts, under C1.
        int n = newcomers.size();
        String[] ids = new String[n];
        String[] bases = new String[n];
        String[] kinds = new String[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        String[] emails = new String[n];
        Map<String, String> schoolOf = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            PersonFacts f = newcomers.get(i);
            ids[i] = f.personId();
            bases[i] = Logins.base(f.firstName(), f.lastName());
            kinds[i] = f.kind().name();
            firsts[i] = f.firstName();
            lasts[i] = f.lastName();
            emails[i] = f.email();
            schoolOf.put(f.personId(), f.uai());
        }
        String[] given = logins.allocate(ids, bases);
        // A consumer of another partition may have made one of them meanwhile: its login is kept, ours is not used.
        // Made with the schools and roles their memberships give them now (applied before), so that the refresh
        // need not write every new account a second time.
        return sql.list("INSERT INTO account (person_id, login, kind, first_name, last_name, email, "
                + "state, created_at, uais, roles) SELECT n.*, 'ACTIVE', now(), " + uaisOf("n.kind", "n.person_id") + ", "
                + rolesOf("n.kind", staffRolesOf("n.person_id")) + " FROM unnest(?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::text[]) AS n(person_id, login, kind, first_name, last_name, email) "
                + "ON CONFLICT (person_id) DO NOTHING RETURNING person_id, login, kind, cardinality(uais) > 0",
                row -> new Created(schoolOf.get(row.getString(1)), row.getString(1), row.getString(2),
                        Kind.valueOf(row.getString(3)), row.getBoolean(4)), new Sql.TextArray(ids),
                new Sql.TextArray(given), new Sql.TextArray(kinds), new Sql.TextArray(firsts), new Sql.TextArray(lasts),
                new Sql.TextArray(emails));
    }

    private void update(List<PersonFacts> facts) {
        sql.update("UPDATE account a SET first_name = n.first_name, last_name = n.last_name, "
                + "email = COALESCE(n.email, a.email), version = a.version + 1 FROM unnest(?::text[], ?::text[], "
                + "?::text[], ?::text[]) AS n(person_id, first_name, last_name, email) WHERE a.person_id = n.person_id "
                + "AND (a.first_name IS DISTINCT FROM n.first_name OR a.last_name IS DISTINCT FROM n.last_name "
                + "OR (n.email IS NOT NULL AND a.email IS DISTINCT FROM n.email))",
                Sql.texts(facts.stream().map(PersonFacts::personId).toList()),
                Sql.texts(facts.stream().map(PersonFacts::firstName).toList()),
                Sql.texts(facts.stream().map(PersonFacts::lastName).toList()),
                Sql.texts(facts.stream().map(PersonFacts::email).toList()));
    }

    /**
     * The schools, roles and state of these people as their memberships now say: active while they belong to a
     * school, disabled at once when they no longer do, active again if they come back (a deleted account too: its
     * login was kept for them).
     *
     * @param people person id → the school whose event touched them
     * @return the accounts disabled and those enabled again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Transitions refresh(Map<String, String> people) {
        if (people.isEmpty()) {
            return new Transitions(List.of(), List.of());
        }
        List<Change> disabled = new ArrayList<>();
        List<Change> enabled = new ArrayList<>();
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(people.keySet()));
        sql.list(REFRESH, row -> {
            Account account = read(row);
            State before = State.valueOf(row.getString("old_state"));
            if (before == State.ACTIVE && account.state() == State.DISABLED) {
                disabled.add(new Change(people.get(account.personId()), account));
            } else if (before != State.ACTIVE && account.state() == State.ACTIVE) {
                enabled.add(new Change(people.get(account.personId()), account));
            }
            return account;
        }, Sql.texts(ids));
        return new Transitions(disabled, enabled);
    }

    public record Transitions(List<Change> disabled, List<Change> enabled) {
    }

    /**
     * The schools a person (the columns given: their kind, their id) belongs to as memberships say, as a sorted array:
     * a pupil's from their classes, a parent's and a staff member's from their schools. Only the table of their kind
     * is read (an account's insert took twice as long reading all three).
     */
    private static String uaisOf(String kind, String person) {
        return "COALESCE(CASE " + kind + " WHEN 'PUPIL' THEN (SELECT array_agg(DISTINCT uai::text ORDER BY uai::text) "
                + "FROM class_pupil WHERE pupil_id = " + person + ") WHEN 'PARENT' THEN (SELECT array_agg(uai::text "
                + "ORDER BY uai) FROM responsable_school WHERE responsable_id = " + person + ") ELSE (SELECT "
                + "array_agg(uai::text ORDER BY uai) FROM staff_school WHERE staff_id = " + person + ") END, '{}'::text[])";
    }

    /** The roles a staff member (the column given) has in the schools they belong to. */
    private static String staffRolesOf(String person) {
        return "COALESCE((SELECT array_agg(r ORDER BY r) FROM (SELECT 'directeur'::text AS r WHERE EXISTS (SELECT 1 FROM "
                + "staff_school WHERE staff_id = " + person + " AND director) UNION ALL SELECT 'enseignant' WHERE EXISTS "
                + "(SELECT 1 FROM staff_school WHERE staff_id = " + person + " AND teacher)) y), '{}'::text[])";
    }

    /** The roles of an account of this kind (the column given), a staff member's from {@link #staffRolesOf}. */
    private static String rolesOf(String kind, String staffRoles) {
        return "CASE " + kind + " WHEN 'PUPIL' THEN '{eleve}'::text[] WHEN 'PARENT' THEN '{parent}'::text[] ELSE "
                + staffRoles + " END";
    }

    /** Materialized steps: inlined, the planner ran each person's membership subqueries several times (-40 %). */
    private static final String REFRESH = "WITH o AS (SELECT person_id, kind, state AS old_state FROM account "
            + "WHERE person_id = ANY(?) ORDER BY person_id FOR UPDATE), "
            + "m AS MATERIALIZED (SELECT o.person_id, o.old_state, " + uaisOf("o.kind", "o.person_id") + " AS uais, "
            + staffRolesOf("o.person_id") + " AS staff_roles FROM o), "
            + "n AS MATERIALIZED (SELECT m.*, " + rolesOf("a.kind", "m.staff_roles") + " AS roles, "
            + "CASE WHEN cardinality(m.uais) > 0 THEN 'ACTIVE' "
            + "WHEN a.state = 'ACTIVE' THEN 'DISABLED' ELSE a.state END AS state FROM m JOIN account a USING (person_id)) "
            + "UPDATE account a SET uais = n.uais, roles = n.roles, state = n.state, "
            + "disabled_at = CASE WHEN n.state = 'DISABLED' THEN COALESCE(a.disabled_at, now()) END, "
            + "version = a.version + 1 FROM n WHERE a.person_id = n.person_id AND (a.uais IS DISTINCT FROM n.uais "
            + "OR a.roles IS DISTINCT FROM n.roles OR a.state IS DISTINCT FROM n.state) "
            + "RETURNING a.person_id, a.login, a.kind, a.first_name, a.last_name, a.email, a.state, a.roles, a.uais, "
            + "a.keycloak_id, a.version, a.credential_at, n.old_state";

    public Optional<Account> find(String personId) {
        return sql.one("SELECT " + COLUMNS + " FROM account WHERE person_id = ?", Accounts::read, personId);
    }

    public List<Account> all(Collection<String> personIds) {
        return sql.list("SELECT " + COLUMNS + " FROM account WHERE person_id = ANY(?)", Accounts::read,
                Sql.texts(personIds));
    }

    /** How many active accounts of each kind these schools have, in one pass. */
    public Map<String, Map<Kind, Integer>> activeBySchool(Collection<String> uais) {
        Map<String, Map<Kind, Integer>> counts = new HashMap<>();
        sql.list("SELECT u, kind, count(*) FROM account, unnest(uais) AS u WHERE state = 'ACTIVE' AND u = ANY(?) "
                + "GROUP BY u, kind", row -> counts.computeIfAbsent(row.getString(1), k -> new java.util.EnumMap<>(
                        Kind.class)).put(Kind.valueOf(row.getString(2)), row.getInt(3)), Sql.texts(uais));
        return counts;
    }

    // --- Keycloak's side: what the provisioner must bring it, and what it did ---

    /**
     * Accounts Keycloak has not caught up with, that it holds or must hold, not waiting after a failure. The conditions
     * but the last are those of the index account_to_sync (V3): change them together.
     */
    public List<Account> toProvision(int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM account WHERE version > synced_version "
                + "AND (keycloak_id IS NOT NULL OR (state = 'ACTIVE' AND ((kind = 'STAFF' AND cardinality(roles) > 0) "
                + "OR keycloak_wanted))) "
                + "AND (sync_after IS NULL OR sync_after < now()) ORDER BY person_id LIMIT ?", Accounts::read, limit);
    }

    /** Keycloak has the account as it was at {@code version}; a later change will be provisioned again. */
    @Transactional
    public void provisioned(String personId, long version, String keycloakId) {
        sql.update("UPDATE account SET synced_version = GREATEST(synced_version, ?), keycloak_id = ?, sync_error = NULL, "
                + "sync_after = NULL WHERE person_id = ?", version, keycloakId, personId);
    }

    /**
     * Keycloak refused or did not answer: tried again after {@code retryAt}, the reason kept for operators.
     *
     * @return whether the reason is new for the account (an operator is told once, not at every retry)
     */
    @Transactional
    public boolean provisionFailed(String personId, String reason, Instant retryAt) {
        return sql.one("UPDATE account a SET sync_error = ?, sync_after = ? FROM (SELECT sync_error AS before FROM account "
                + "WHERE person_id = ?) o WHERE a.person_id = ? RETURNING o.before IS DISTINCT FROM a.sync_error",
                row -> row.getBoolean(1), reason, retryAt, personId, personId).orElse(false);
    }

    /** The user made for a pupil or parent at their first sheet: the provisioner follows it from now on. */
    @Transactional
    public void keycloakUser(String personId, String keycloakId) {
        sql.update("UPDATE account SET keycloak_id = ? WHERE person_id = ?", keycloakId, personId);
    }

    /**
     * Their class has a teacher now, who will soon make their sheets: their Keycloak users (without a password) are
     * made ahead by the provisioner, so that the sheets only set passwords.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int wantedInKeycloak(Collection<String> personIds) {
        return sql.update("UPDATE account SET keycloak_wanted = TRUE, version = version + 1 WHERE person_id = ANY(?) "
                + "AND NOT keycloak_wanted AND keycloak_id IS NULL AND state = 'ACTIVE'", Sql.texts(personIds));
    }

    /** Connection sheets were made for them: the first one gave them their credential. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void credentialsGiven(Collection<String> personIds) {
        sql.update("UPDATE account SET credential_at = COALESCE(credential_at, now()) WHERE person_id = ANY(?)",
                Sql.texts(personIds));
    }

    // --- retention ---

    /**
     * Disabled accounts past their retention: deleted (their personal data gone, the login kept reserved); Keycloak
     * follows through the provisioner.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Account> deleteDisabledBefore(Instant before, int limit) {
        return sql.list("UPDATE account SET state = 'DELETED', deleted_at = now(), first_name = NULL, last_name = NULL, "
                + "email = NULL, roles = '{}', version = version + 1 WHERE person_id IN (SELECT person_id FROM account "
                + "WHERE state = 'DISABLED' AND disabled_at < ? ORDER BY disabled_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "RETURNING " + COLUMNS, Accounts::read, before, limit);
    }

    static Account read(ResultSet row) throws SQLException {
        Timestamp credential = row.getTimestamp("credential_at");
        return new Account(row.getString("person_id"), row.getString("login"), Kind.valueOf(row.getString("kind")),
                row.getString("first_name"), row.getString("last_name"), row.getString("email"),
                State.valueOf(row.getString("state")), Sql.texts(row, "roles"), Sql.texts(row, "uais"),
                row.getString("keycloak_id"), row.getLong("version"), credential == null ? null : credential.toInstant());
    }
}
