package fr.ent.identity.account;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gives logins: the base of {@link Logins} for the first person, then {@code base2}, {@code base3} … for homonyms,
 * across the platform. A number given is never given again, even when the account that had it is deleted (owner of
 * {@code login_counter}).
 */
@ApplicationScoped
public class LoginCounters {

    private final Sql sql;

    public LoginCounters(Sql sql) {
        this.sql = sql;
    }

    /**
     * Logins for people who have none yet, in one statement. Bases are locked in their sorted order, so that two
     * consumers giving logins at once wait for each other instead of deadlocking.
     *
     * @param bases person id → login base
     * @return person id → login
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, String> allocate(Map<String, String> bases) {
        TreeMap<String, List<String>> people = new TreeMap<>();
        bases.forEach((person, base) -> people.computeIfAbsent(base, b -> new ArrayList<>()).add(person));
        people.values().forEach(list -> list.sort(null));
        List<String> names = new ArrayList<>(people.keySet());
        List<Integer> counts = people.values().stream().map(List::size).toList();
        Map<String, Integer> taken = new HashMap<>();
        sql.list("INSERT INTO login_counter (base, taken) SELECT * FROM unnest(?::text[], ?::int[]) "
                + "ON CONFLICT (base) DO UPDATE SET taken = login_counter.taken + EXCLUDED.taken RETURNING base, taken",
                row -> taken.put(row.getString(1), row.getInt(2)), Sql.texts(names),
                Sql.array("int4", counts.toArray()));
        Map<String, String> logins = new HashMap<>();
        people.forEach((base, persons) -> {
            int first = taken.get(base) - persons.size() + 1;
            for (int i = 0; i < persons.size(); i++) {
                logins.put(persons.get(i), Logins.numbered(base, first + i));
            }
        });
        return logins;
    }
}
