package fr.ent.onde.imports.publish;

import fr.ent.support.jdbc.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.onde.aaf.AafEntry;
import fr.ent.onde.aaf.ExportArchive.FileType;
import fr.ent.onde.imports.publish.SchoolInput.Attributes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The import's view of the database: the requests of the running export (onde_stage), the state it builds from
 * them (onde_next) on top of the last imported one (onde_entity), and what was published per school.
 */
@ApplicationScoped
public class ImportState {

    private static final TypeReference<Map<String, List<String>>> ATTRIBUTES = new TypeReference<>() {
    };

    /** A school an import looks at: in the new state, or published before and perhaps gone. */
    public record SchoolRef(String joinKey, String uai) {
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ImportState(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Writes an export's requests as they are read; {@link Stage#finish()} makes them visible. */
    public Stage stage() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement truncate = connection.createStatement()) {
            truncate.execute("TRUNCATE onde_stage");
            return new Stage(connection, new CopyWriter(connection, "COPY onde_stage (ord, type, op, id, attrs) FROM STDIN"));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    public final class Stage implements AutoCloseable {
        private final Connection connection;
        private final CopyWriter copy;
        private long ord;

        private Stage(Connection connection, CopyWriter copy) {
            this.connection = connection;
            this.copy = copy;
        }

        public void add(FileType type, AafEntry entry) throws SQLException {
            String op = switch (entry.operation()) {
                case ADD -> "A";
                case MODIFY -> "M";
                case DELETE -> "D";
            };
            try {
                copy.row(ord++, type.name(), op, entry.id(), json.writeValueAsString(entry.attributes()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not write the attributes of " + entry.id(), e);
            }
        }

        public long finish() throws SQLException {
            return copy.finish();
        }

        @Override
        public void close() throws SQLException {
            copy.close();
            connection.close();
        }
    }

    /**
     * Builds the state the import leads to in onde_next. A complete export is the whole new state; a delta applies
     * to the last imported state: an add replaces the entity, a modify replaces the attributes it names, a delete
     * removes it. When an export names an entity twice, its last request counts.
     *
     * @return the number of modify requests for an entity that the last state does not know (ignored)
     */
    public int buildNext(boolean complete) throws SQLException {
        String last = "SELECT DISTINCT ON (type, id) type, op, id, attrs FROM onde_stage ORDER BY type, id, ord DESC";
        String next = complete
                ? "SELECT s.type, s.id, s.attrs FROM (" + last + ") s WHERE s.op = 'A'"
                : "SELECT e.type, e.id, e.attrs FROM onde_entity e WHERE NOT EXISTS "
                        + "(SELECT 1 FROM onde_stage s WHERE s.type = e.type AND s.id = e.id) "
                        + "UNION ALL SELECT s.type, s.id, CASE s.op WHEN 'A' THEN s.attrs ELSE e.attrs || s.attrs END "
                        + "FROM (" + last + ") s LEFT JOIN onde_entity e ON e.type = s.type AND e.id = s.id "
                        + "WHERE s.op = 'A' OR (s.op = 'M' AND e.id IS NOT NULL)";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE onde_next");
            statement.execute("INSERT INTO onde_next (type, id, school_keys, links, attrs) "
                    + "SELECT n.type, n.id, ARRAY(SELECT jsonb_array_elements_text(COALESCE(n.attrs -> "
                    + "CASE n.type WHEN 'EtabEducNat' THEN 'ENTStructureJointure' ELSE 'ENTPersonStructRattach' END, "
                    + "'[]'))), ARRAY(SELECT jsonb_array_elements_text(COALESCE(n.attrs -> 'ENTPersRelEleveEleve', '[]'))), "
                    + "n.attrs FROM (" + next + ") n");
            statement.execute("ANALYZE onde_next");
            if (complete) {
                return 0;
            }
            try (ResultSet unknown = statement.executeQuery("SELECT count(*) FROM onde_stage s WHERE s.op = 'M' "
                    + "AND NOT EXISTS (SELECT 1 FROM onde_entity e WHERE e.type = s.type AND e.id = s.id) "
                    + "AND NOT EXISTS (SELECT 1 FROM onde_stage a WHERE a.type = s.type AND a.id = s.id AND a.op = 'A')")) {
                unknown.next();
                return unknown.getInt(1);
            }
        }
    }

    /**
     * The schools of the new state and those of the académie published before with a join key (from ONDE), by UAI:
     * a complete export only ever removes schools of its own académie.
     */
    public List<SchoolRef> schools(String academyCode) throws SQLException {
        Map<String, SchoolRef> schools = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                PreparedStatement published = connection.prepareStatement(
                        "SELECT join_key, uai FROM onde_school WHERE join_key IS NOT NULL AND academy_code = ?")) {
            published.setString(1, academyCode);
            try (ResultSet rows = published.executeQuery()) {
                while (rows.next()) {
                    schools.put(rows.getString(2), new SchoolRef(rows.getString(1), rows.getString(2)));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT school_keys[1], attrs -> 'ENTStructureUAI' ->> 0 "
                    + "FROM onde_next WHERE type = 'EtabEducNat'")) {
                while (rows.next()) {
                    schools.put(rows.getString(2), new SchoolRef(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return new ArrayList<>(schools.values());
    }

    /**
     * Whether any pupil of the school year was published before (in a class roster, or as a pupil of the contract
     * before rosters): if none was, no import can remove one.
     */
    public boolean anyPupilPublished(String schoolYear) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM onde_published WHERE kind IN (?, ?) AND school_year = ?)")) {
            query.setString(1, SchoolDiff.CLASS);
            query.setString(2, SchoolDiff.LEGACY_PUPIL);
            query.setString(3, schoolYear);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Everything one school's changes are computed from (SchoolDiff). */
    SchoolInput load(Connection connection, SchoolRef school, String schoolYear) throws SQLException {
        Map<String, Attributes> schoolRows = entities(connection,
                "SELECT id, attrs FROM onde_next WHERE type = 'EtabEducNat' AND school_keys @> ARRAY[?]::text[]",
                school.joinKey());
        Attributes attributes = schoolRows.values().stream()
                .filter(a -> school.uai().equals(a.first("ENTStructureUAI"))).findFirst().orElse(null);
        Map<String, Attributes> pupils = attributes == null ? Map.of() : entities(connection,
                "SELECT id, attrs FROM onde_next WHERE type = 'Eleve' AND school_keys @> ARRAY[?]::text[]",
                school.joinKey());
        Map<String, Attributes> responsables = new HashMap<>();
        Map<String, Attributes> staff = Map.of();
        if (attributes != null) {
            List<String> authority = new ArrayList<>();
            pupils.values().forEach(p -> p.all("ENTEleveAutoriteParentale").forEach(v -> authority.add(v.split("\\$")[0])));
            Array pupilIds = connection.createArrayOf("text", pupils.keySet().toArray());
            Array responsableIds = connection.createArrayOf("text", authority.toArray());
            responsables.putAll(entities(connection, "SELECT id, attrs FROM onde_next WHERE type = 'PersRelEleve' "
                    + "AND id = ANY(?) UNION SELECT id, attrs FROM onde_next WHERE type = 'PersRelEleve' AND links && ?",
                    responsableIds, pupilIds));
            staff = entities(connection,
                    "SELECT id, attrs FROM onde_next WHERE type = 'PersEducNat' AND school_keys @> ARRAY[?]::text[]",
                    school.joinKey());
        }
        Map<String, Map<String, String>> published = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT kind, school_year, entity_id, payload "
                + "FROM onde_published WHERE uai = ? AND school_year IN (?, '-')")) {
            query.setString(1, school.uai());
            query.setString(2, schoolYear);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    published.computeIfAbsent(rows.getString(1), k -> new TreeMap<>())
                            .put(SchoolInput.key(rows.getString(2), rows.getString(3)), rows.getString(4));
                }
            }
        }
        SchoolUpserted publishedSchool = null;
        try (PreparedStatement query = connection.prepareStatement("SELECT name, type, academy_code, academy, town, "
                + "district, departmental FROM onde_school WHERE uai = ?")) {
            query.setString(1, school.uai());
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    publishedSchool = new SchoolUpserted(school.uai(), row.getString(1), row.getString(2),
                            row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getBoolean(7));
                }
            }
        }
        return new SchoolInput(school.uai(), school.joinKey(), attributes, pupils, responsables, staff, published,
                publishedSchool);
    }

    private Map<String, Attributes> entities(Connection connection, String sql, Object... parameters) throws SQLException {
        Map<String, Attributes> entities = new HashMap<>();
        try (PreparedStatement query = Sql.prepare(connection, sql, parameters)) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entities.put(rows.getString(1), new Attributes(json.readValue(rows.getString(2), ATTRIBUTES)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attributes in onde_next", e);
        }
        return entities;
    }

    /** The import is published: its state becomes the last imported one, the working tables are emptied. */
    public void keepNext() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE onde_entity, onde_next IN ACCESS EXCLUSIVE MODE");
                statement.execute("ALTER TABLE onde_entity RENAME TO onde_entity_previous");
                statement.execute("ALTER TABLE onde_next RENAME TO onde_entity");
                statement.execute("ALTER TABLE onde_entity_previous RENAME TO onde_next");
                statement.execute("TRUNCATE onde_next, onde_stage, onde_change");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Forgets the working tables of an import that will not be published (refused, held, discarded). */
    public void clear() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE onde_next, onde_stage, onde_change");
        }
    }
}
