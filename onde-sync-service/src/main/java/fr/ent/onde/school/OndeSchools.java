package fr.ent.onde.school;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The owner of {@code onde_school}: every school as onde-sync-service last published it, with its ONDE join key once
 * an import brought it. Every read and write goes through here — the publishing transaction's included
 * ({@link #applyPublished(Connection, Array)}), and an import's loader threads' on their own connections.
 */
@ApplicationScoped
public class OndeSchools {

    /** A school ONDE knows, by the key its exports refer to it with. */
    public record Known(String joinKey, String uai) {
    }

    private static final String COLUMNS = "uai, name, type, academy_code, academy, town, district, departmental";

    private final Sql sql;

    public OndeSchools(Sql sql) {
        this.sql = sql;
    }

    public Optional<SchoolUpserted> find(String uai) {
        return sql.one("SELECT " + COLUMNS + " FROM onde_school WHERE uai = ?", OndeSchools::school, uai);
    }

    /** On an import's own connection (a loader thread's). */
    public static Optional<SchoolUpserted> find(Connection connection, String uai) throws SQLException {
        try (PreparedStatement query = Sql.prepare(connection, "SELECT " + COLUMNS + " FROM onde_school WHERE uai = ?",
                uai); ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(school(row)) : Optional.empty();
        }
    }

    /** Records a school as published (its join key, if any, kept). */
    void save(SchoolUpserted school) {
        sql.update("INSERT INTO onde_school (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()) "
                + "ON CONFLICT (uai) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, "
                + "academy_code = EXCLUDED.academy_code, academy = EXCLUDED.academy, town = EXCLUDED.town, "
                + "district = EXCLUDED.district, departmental = EXCLUDED.departmental, updated_at = EXCLUDED.updated_at",
                school.uai(), school.name(), school.type(), school.academyCode(), school.academy(), school.town(),
                school.district(), school.departmental());
    }

    /** UAI by join key, of every school an import brought: persons of an export refer to their school by it. */
    public Map<String, String> uaiByJoinKey() {
        Map<String, String> schools = new HashMap<>();
        sql.list("SELECT join_key, uai FROM onde_school WHERE join_key IS NOT NULL", row -> new Known(row.getString(1),
                row.getString(2))).forEach(known -> schools.put(known.joinKey(), known.uai()));
        return schools;
    }

    /** The schools of an académie an import brought (a complete export may remove them). */
    public List<Known> ofAcademy(String academyCode) {
        return sql.list("SELECT join_key, uai FROM onde_school WHERE join_key IS NOT NULL AND academy_code = ?",
                row -> new Known(row.getString(1), row.getString(2)), academyCode);
    }

    /**
     * In the transaction that publishes them: the schools of {@code uais} as the planned changes (onde_change)
     * leave them — upserted with their join key, or removed.
     */
    public static void applyPublished(Connection connection, Array uais) throws SQLException {
        Sql.update(connection, "INSERT INTO onde_school (" + COLUMNS + ", join_key, updated_at) SELECT p ->> 'uai', "
                + "p ->> 'name', p ->> 'type', p ->> 'academyCode', p ->> 'academy', p ->> 'town', p ->> 'district', "
                + "(p ->> 'departmental')::boolean, state, now() FROM (SELECT payload::jsonb AS p, state "
                + "FROM onde_change WHERE uai = ANY (?) AND type = ?) c ON CONFLICT (uai) DO UPDATE SET "
                + "name = EXCLUDED.name, type = EXCLUDED.type, academy_code = EXCLUDED.academy_code, "
                + "academy = EXCLUDED.academy, town = EXCLUDED.town, district = EXCLUDED.district, "
                + "join_key = EXCLUDED.join_key, updated_at = EXCLUDED.updated_at", uais,
                EventTypes.ONDE_SCHOOL_UPSERTED);
        // The group's changes found by their schools' ids (onde_change's index): asked as a correlated EXISTS, the
        // statement took 1.3 - 1.6 s of PostgreSQL over ImportBenchmark's three imports, 0.08 s this way.
        Sql.update(connection, "DELETE FROM onde_school s USING (SELECT DISTINCT uai FROM onde_change "
                + "WHERE uai = ANY (?) AND type = ?) c WHERE s.uai = c.uai", uais, EventTypes.ONDE_SCHOOL_REMOVED);
    }

    private static SchoolUpserted school(ResultSet row) throws SQLException {
        return new SchoolUpserted(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getBoolean(8));
    }
}
