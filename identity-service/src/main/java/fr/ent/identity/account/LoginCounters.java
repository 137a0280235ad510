package fr.ent.identity.account;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * consumers giving logins at once wait for each other instead of deadlocking; people of the same base get its
     * numbers in the order of their ids.
     *
     * @param people the people's ids
     * @param bases their login bases, in the same order
     * @return their logins, in the same order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String[] allocate(String[] people, String[] bases) {
        // The people's positions sorted by base then id: each base's people are then one run.
        Integer[] order = new Integer[people.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int byBase = bases[a].compareTo(bases[b]);
            return byBase != 0 ? byBase : people[a].compareTo(people[b]);
        });
        // Each base's run in that order, found once: where it starts (the last entry: where the runs end).
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || !bases[order[i]].equals(bases[order[i - 1]])) {
                starts.add(i);
            }
        }
        int runs = starts.size();
        starts.add(order.length);
        String[] names = new String[runs];
        Integer[] counts = new Integer[runs];
        for (int r = 0; r < runs; r++) {
            names[r] = bases[order[starts.get(r)]];
            counts[r] = starts.get(r + 1) - starts.get(r);
        }
        Map<String, Integer> taken = new HashMap<>(runs * 2);
        sql.list("INSERT INTO login_counter (base, taken) SELECT * FROM unnest(?::text[], ?::int[]) "
                + "ON CONFLICT (base) DO UPDATE SET taken = login_counter.taken + EXCLUDED.taken RETURNING base, taken",
                row -> taken.put(row.getString(1), row.getInt(2)), new Sql.TextArray(names),
                Sql.array("int4", counts));
        // A run's first number: what the counter holds now, less the people the statement just counted.
        String[] logins = new String[people.length];
        for (int r = 0; r < runs; r++) {
            int first = taken.get(names[r]) - counts[r] + 1;
            for (int i = starts.get(r); i < starts.get(r + 1); i++) {
                logins[order[i]] = Logins.numbered(names[r], first + i - starts.get(r));
            }
        }
        return logins;
    }
}
