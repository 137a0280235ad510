package fr.ent.onde.imports.publish;

import fr.ent.support.jdbc.CopyWriter;
import fr.ent.support.jdbc.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.onde.aaf.AafEntry;
import fr.ent.onde.school.OndeSchools;
import fr.ent.onde.eligibility.RejectionReason;
import fr.ent.onde.imports.OndeImport;
import fr.ent.onde.rejections.Rejections;
import fr.ent.onde.rejections.RejectionResource.RejectedPupil;
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
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The import's view of the database: the requests of the running export (onde_stage), the state it builds from
 * them (onde_next, see {@link Next}) on top of the last imported one (onde_entity), and what was published per
 * school.
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
    private final OndeSchools ondeSchools;

    public ImportState(AgroalDataSource dataSource, ObjectMapper json, OndeSchools ondeSchools) {
        this.dataSource = dataSource;
        this.json = json;
        this.ondeSchools = ondeSchools;
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
     * The state an import leads to. A complete export's is whole in onde_next. A delta's is the entities it names, in
     * onde_next (a deleted one marked so), read over the last imported state (onde_entity): building it, finding the
     * schools it touches and keeping it cost what the delta holds, not what the académie holds.
     *
     * @param unknownModifications modify requests for an entity the last state does not know (ignored)
     * @param schoolKeys the join keys of the schools a delta touches; null for a complete export (every school)
     * @param affectedNamedBy a scoped delta's: pupil id → the responsables in scope that named the pupil as last
     *     imported (ENTPersRelEleveEleve); what the delta says they name now is in {@code namedBy}
     */
    public record Next(boolean complete, int unknownModifications, Set<String> schoolKeys, boolean scoped,
            Map<String, List<String>> namedBy, Set<String> named, Map<String, List<String>> attachedBy,
            Set<String> affected, Map<String, List<String>> affectedNamedBy) {

        Next(boolean complete, int unknownModifications, Set<String> schoolKeys) {
            this(complete, unknownModifications, schoolKeys, false, Map.of(), Set.of(), Map.of(), Set.of(), Map.of());
        }

        /** The new state as a relation of (type, id, school_keys, links, attrs). */
        String relation() {
            return complete ? "onde_next" : "(SELECT type, id, school_keys, links, attrs FROM onde_next WHERE NOT deleted "
                    + "UNION ALL SELECT e.type, e.id, e.school_keys, e.links, e.attrs FROM onde_entity e WHERE NOT EXISTS "
                    + "(SELECT 1 FROM onde_next n WHERE n.type = e.type AND n.id = e.id))";
        }

        boolean touches(String joinKey) {
            return schoolKeys == null || schoolKeys.contains(joinKey);
        }
    }

    /** The school join keys of an entity (attrs aliased a): a school's own, a person's attachments. */
    private static final String SCHOOL_KEYS = "ARRAY(SELECT jsonb_array_elements_text(COALESCE(a.attrs -> CASE a.type "
            + "WHEN 'EtabEducNat' THEN 'ENTStructureJointure' ELSE 'ENTPersonStructRattach' END, '[]')))";
    /** Who an entity is linked to: a responsable's pupils, a pupil's responsables with parental authority. */
    private static final String LINKS = "CASE a.type WHEN 'Eleve' THEN ARRAY(SELECT split_part(v, '$', 1) FROM "
            + "jsonb_array_elements_text(COALESCE(a.attrs -> 'ENTEleveAutoriteParentale', '[]')) v) "
            + "ELSE ARRAY(SELECT jsonb_array_elements_text(COALESCE(a.attrs -> 'ENTPersRelEleveEleve', '[]'))) END";
    /** The schools a delta touches: those of every entity it names, before and after, and of a changed
     * responsable's pupils (their rosters carry the responsable). */
    private static final String TOUCHED_SCHOOLS = "WITH staged AS (SELECT DISTINCT type, id FROM onde_stage), "
            + "responsables AS (SELECT id FROM staged WHERE type = 'PersRelEleve'), "
            + "linked AS (SELECT unnest(e.links) AS id FROM onde_entity e JOIN responsables r ON e.type = 'PersRelEleve' "
            + "AND e.id = r.id UNION SELECT unnest(links) FROM onde_next WHERE type = 'PersRelEleve') "
            + "SELECT DISTINCT k FROM (SELECT unnest(school_keys) AS k FROM onde_next "
            + "UNION ALL SELECT unnest(e.school_keys) FROM onde_entity e JOIN staged s ON s.type = e.type AND s.id = e.id "
            + "UNION ALL SELECT unnest(e.school_keys) FROM onde_entity e JOIN linked l ON e.type = 'Eleve' AND e.id = l.id "
            + "UNION ALL SELECT unnest(e.school_keys) FROM onde_entity e WHERE e.type = 'Eleve' "
            + "AND e.links && ARRAY(SELECT id FROM responsables)::text[]) keys";

    /**
     * Builds the state the import leads to (see {@link Next}). A complete export is the whole new state; a delta
     * applies to the last imported state: an add replaces the entity, a modify replaces the attributes it names, a
     * delete removes it. When an export names an entity twice, its last request counts.
     */
    public Next buildNext(boolean complete) throws SQLException {
        if (complete) {
            buildWhole();
            return new Next(true, 0, null);
        }
        String next = "SELECT s.type, s.id, CASE s.op WHEN 'A' THEN s.attrs WHEN 'M' THEN e.attrs || s.attrs "
                + "ELSE '{}'::jsonb END AS attrs, s.op = 'D' AS deleted FROM (" + lastRequests("TRUE") + ") s "
                + "LEFT JOIN onde_entity e ON e.type = s.type AND e.id = s.id "
                + "WHERE s.op IN ('A', 'D') OR (s.op = 'M' AND e.id IS NOT NULL)";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE onde_next");
            statement.execute(insertNext(next));
            statement.execute("ANALYZE onde_next");
            int unknown;
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM onde_stage s WHERE s.op = 'M' "
                    + "AND NOT EXISTS (SELECT 1 FROM onde_entity e WHERE e.type = s.type AND e.id = s.id) "
                    + "AND NOT EXISTS (SELECT 1 FROM onde_stage a WHERE a.type = s.type AND a.id = s.id AND a.op = 'A')")) {
                row.next();
                unknown = row.getInt(1);
            }
            Set<String> touched = new HashSet<>();
            try (ResultSet rows = statement.executeQuery(TOUCHED_SCHOOLS)) {
                while (rows.next()) {
                    touched.add(rows.getString(1));
                }
            }
            return new Next(false, unknown, Set.copyOf(touched));
        }
    }

    /** The last request for each entity the export names (of the types the condition keeps): the one that counts. */
    private static String lastRequests(String condition) {
        return "SELECT DISTINCT ON (type, id) type, op, id, attrs FROM onde_stage WHERE " + condition
                + " ORDER BY type, id, ord DESC";
    }

    private static String insertNext(String next) {
        return "INSERT INTO onde_next (type, id, school_keys, links, attrs, deleted) SELECT a.type, a.id, " + SCHOOL_KEYS
                + ", " + LINKS + ", a.attrs, a.deleted FROM (" + next + ") a";
    }

    /**
     * A complete export's state, the whole académie, built on two connections at once: onde_next's search indexes
     * are dropped, the pupils and the other entities inserted side by side, then both indexes built whole, side by
     * side — a GIN index built at once costs a fraction of one kept up row by row (575,270 entities: 5.4 s inserted
     * under the indexes, 1.4 s without them and 1.7 s for the larger index). The indexes are named after the table's
     * oid, which its renames keep: onde_next and onde_entity swap names, so a fixed name would be the other's.
     */
    private void buildWhole() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE onde_next");
            List<String> searchIndexes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT quote_ident(i.relname) FROM pg_index x "
                    + "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'onde_next'::regclass "
                    + "AND NOT x.indisprimary")) {
                while (rows.next()) {
                    searchIndexes.add(rows.getString(1));
                }
            }
            for (String index : searchIndexes) {
                statement.execute("DROP INDEX " + index);
            }
            long oid;
            try (ResultSet row = statement.executeQuery("SELECT 'onde_next'::regclass::oid")) {
                row.next();
                oid = row.getLong(1);
            }
            String added = "SELECT s.type, s.id, s.attrs, FALSE AS deleted FROM (%s) s WHERE s.op = 'A'";
            inParallel(List.of(insertNext(added.formatted(lastRequests("type = 'Eleve'"))),
                    insertNext(added.formatted(lastRequests("type <> 'Eleve'")))));
            String index = "CREATE INDEX onde_state_%1$s_" + oid + " ON onde_next USING gin (%1$s) WITH (fastupdate = off)";
            inParallel(List.of(index.formatted("school_keys"), index.formatted("links")));
            statement.execute("ANALYZE onde_next");
        }
    }

    /** Statements run at once, each on a connection of its own; the first failure is thrown once all have ended. */
    private void inParallel(List<String> statements) throws SQLException {
        ExecutorService threads = Executors.newFixedThreadPool(statements.size(), r -> new Thread(r, "onde-import-build"));
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String statement : statements) {
                runs.add(threads.submit(() -> {
                    try (Connection connection = dataSource.getConnection();
                            Statement running = connection.createStatement()) {
                        running.execute(statement);
                    }
                    return null;
                }));
            }
            SQLException failure = null;
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof SQLException sql ? sql
                                : new SQLException("building the new state failed", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while building the new state", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Off only to check that a delta compared in full and one compared where it is affected agree (a test). */
    private volatile boolean scopeDeltas = true;

    public void scopeDeltas(boolean on) {
        scopeDeltas = on;
    }

    /**
     * A delta compared only where it changes something (see {@link #loadScoped}): when what was published is what the
     * comparison of the last imported state gave — a complete export imported since the school year last switched, no
     * import since that published part of itself without completing, no roster of the contract before v3
     * ({@code class.upserted.v2} carried each responsable's details, with a {@code "kind"}) — the pupils, classes and
     * responsables the delta affects are written to onde_affected. Otherwise the delta's schools are compared in
     * full, as a complete export's.
     */
    public Next scope(Next next, String academyCode, java.util.UUID importId) throws SQLException {
        if (next.complete() || !scopeDeltas) {
            return next;
        }
        Set<String> affected = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean consistent;
            try (PreparedStatement query = Sql.prepare(connection, "SELECT EXISTS (SELECT 1 FROM onde_import c "
                    + "WHERE c.status = 'COMPLETED' AND c.complete AND c.finished_at IS NOT NULL AND "
                    + OndeImport.publishedAsLeftBy("c") + ") "
                    + "AND NOT EXISTS (SELECT 1 FROM onde_published WHERE kind = ? AND strpos(payload, '\"kind\":') > 0)",
                    academyCode, importId, SchoolDiff.CLASS); ResultSet row = query.executeQuery()) {
                row.next();
                consistent = row.getBoolean(1);
            }
            if (!consistent) {
                return next;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE onde_affected");
                // Responsables whose existence or links change: every pupil linked to them, before or after, is affected.
                statement.execute("INSERT INTO onde_affected (type, id) SELECT 'links', n.id FROM onde_next n "
                        + "LEFT JOIN onde_entity e ON e.type = n.type AND e.id = n.id WHERE n.type = 'PersRelEleve' "
                        + "AND (n.deleted OR e.id IS NULL OR e.links IS DISTINCT FROM n.links)");
                statement.execute("INSERT INTO onde_affected (type, id) SELECT DISTINCT 'Eleve', id FROM ("
                        + "SELECT id FROM onde_next WHERE type = 'Eleve' "
                        + "UNION SELECT unnest(r.links) FROM onde_next r JOIN onde_affected a ON a.type = 'links' AND a.id = r.id "
                        + "WHERE r.type = 'PersRelEleve' "
                        + "UNION SELECT unnest(r.links) FROM onde_entity r JOIN onde_affected a ON a.type = 'links' AND a.id = r.id "
                        + "WHERE r.type = 'PersRelEleve' "
                        + "UNION SELECT p.id FROM onde_entity p WHERE p.type = 'Eleve' "
                        + "AND p.links && ARRAY(SELECT id FROM onde_affected WHERE type = 'links')::text[] "
                        + "UNION SELECT p.id FROM onde_next p WHERE p.type = 'Eleve' "
                        + "AND p.links && ARRAY(SELECT id FROM onde_affected WHERE type = 'links')::text[]) x");
                // Responsables whose published state may change: named by the delta, or linked to an affected pupil.
                statement.execute("INSERT INTO onde_affected (type, id) SELECT DISTINCT 'PersRelEleve', id FROM ("
                        + "SELECT id FROM onde_next WHERE type = 'PersRelEleve' "
                        + "UNION SELECT unnest(p.links) FROM onde_entity p JOIN onde_affected a ON a.type = 'Eleve' AND a.id = p.id "
                        + "WHERE p.type = 'Eleve' "
                        + "UNION SELECT unnest(p.links) FROM onde_next p JOIN onde_affected a ON a.type = 'Eleve' AND a.id = p.id "
                        + "WHERE p.type = 'Eleve' "
                        + "UNION SELECT r.id FROM onde_entity r WHERE r.type = 'PersRelEleve' "
                        + "AND r.links && ARRAY(SELECT id FROM onde_affected WHERE type = 'Eleve')::text[] "
                        + "UNION SELECT r.id FROM onde_next r WHERE r.type = 'PersRelEleve' "
                        + "AND r.links && ARRAY(SELECT id FROM onde_affected WHERE type = 'Eleve')::text[]) x");
                statement.execute("ANALYZE onde_affected");
            }
            // Held here too (type|id, some tens of thousands for a 250,000-pupil académie): each school asks which of
            // its pupils and responsables are affected, 0.6 ms of PostgreSQL's time a school when it was a query.
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT type, id FROM onde_affected WHERE type <> 'links'")) {
                while (rows.next()) {
                    affected.add(rows.getString(1) + "|" + rows.getString(2));
                }
            }
        }
        // In one pass over the delta (its few thousand entities held here: the indexes of a table this small are not
        // used, and scanning it for each school took 26 ms): every entity it names (type|id), those it attaches to
        // each school's key, and which of its responsables name each pupil (ENTPersRelEleveEleve).
        Map<String, List<String>> namedBy = new HashMap<>();
        Set<String> named = new HashSet<>();
        Map<String, List<String>> attachedBy = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, id, school_keys, links, deleted FROM onde_next")) {
            while (rows.next()) {
                String entity = rows.getString(1) + "|" + rows.getString(2);
                named.add(entity);
                if (rows.getBoolean(5)) {
                    continue;
                }
                for (String schoolKey : texts(rows.getArray(3))) {
                    attachedBy.computeIfAbsent(schoolKey, k -> new ArrayList<>()).add(entity);
                }
                if ("PersRelEleve".equals(rows.getString(1))) {
                    for (String pupil : texts(rows.getArray(4))) {
                        namedBy.computeIfAbsent(pupil, k -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
        }
        // The responsables in scope as last imported, by the pupils they named then (ENTPersRelEleveEleve): each
        // school finds those linked to its pupils here, where a query by its pupils' ids read every responsable of
        // the school (300,000 rows for a delta of a 250,000-pupil académie).
        Map<String, List<String>> affectedNamedBy = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT r.id, r.links FROM onde_affected a JOIN onde_entity r "
                        + "ON r.type = a.type AND r.id = a.id WHERE a.type = 'PersRelEleve'")) {
            while (rows.next()) {
                for (String pupil : texts(rows.getArray(2))) {
                    affectedNamedBy.computeIfAbsent(pupil, k -> new ArrayList<>()).add(rows.getString(1));
                }
            }
        }
        return new Next(false, next.unknownModifications(), next.schoolKeys(), true, namedBy, named, attachedBy,
                affected, affectedNamedBy);
    }

    /**
     * The schools of the new state and those of the académie published before with a join key (from ONDE), by UAI:
     * a complete export only ever removes schools of its own académie. A delta's: those it touches.
     */
    public List<SchoolRef> schools(String academyCode, Next next) throws SQLException {
        Map<String, SchoolRef> schools = new TreeMap<>();
        for (OndeSchools.Known known : ondeSchools.ofAcademy(academyCode)) {
            schools.put(known.uai(), new SchoolRef(known.joinKey(), known.uai()));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT school_keys[1], attrs -> 'ENTStructureUAI' ->> 0 "
                    + "FROM " + next.relation() + " n WHERE type = 'EtabEducNat'")) {
                while (rows.next()) {
                    schools.put(rows.getString(2), new SchoolRef(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return schools.values().stream().filter(s -> next.touches(s.joinKey())).toList();
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

    /**
     * Everything one school's changes are computed from (SchoolDiff). The school, its pupils and its staff come in one
     * query (one pass over the school's entities in the index), the responsables in a second (by their links). A
     * scoped delta's school: what {@link #loadScoped} reads.
     */
    SchoolInput load(Connection connection, Next next, SchoolRef school, String schoolYear) throws SQLException {
        if (next.scoped()) {
            SchoolInput scoped = loadScoped(connection, next, school, schoolYear);
            if (scoped != null) {
                return scoped;
            }
        }
        String state = next.relation();
        Map<String, Map<String, Attributes>> attached = attached(connection, state, school, "'EtabEducNat', 'Eleve', 'PersEducNat'");
        Attributes attributes = schoolOf(attached, school);
        Map<String, Attributes> pupils = attributes == null ? Map.of() : attached.getOrDefault("Eleve", Map.of());
        Map<String, Attributes> staff = attributes == null ? Map.of() : attached.getOrDefault("PersEducNat", Map.of());
        Map<String, Attributes> responsables = attributes == null ? Map.of() : responsablesOf(connection, state, pupils);
        return new SchoolInput(school.uai(), school.joinKey(), attributes, pupils, responsables, staff,
                published(connection, school.uai(), schoolYear), OndeSchools.find(connection, school.uai()).orElse(null),
                null);
    }

    /**
     * A school of a scoped delta (see {@link #scope}): its staff, the pupils of the classes an affected pupil is in
     * (before or after), the affected pupils, and the pupils linked to a responsable in scope, with their
     * responsables; the published rosters of those classes, and what the marker needs of the others (how many, how
     * many pupils) and of the earlier rejections. Null when the school must be compared whole: it left ONDE, or what
     * was published for it includes the contract before rosters.
     */
    private SchoolInput loadScoped(Connection connection, Next next, SchoolRef school, String schoolYear)
            throws SQLException {
        String key = school.joinKey();
        // In one pass over the entities the school's key names as last imported (one index lookup, where a query per
        // type made three): the school's own and its staff whole, its pupils light — their classes, links, and
        // whether the delta affects them. Then what the delta says of those it attaches to the school.
        record Light(String id, String classId, String className, List<String> links, boolean affected) {
        }
        Map<String, Map<String, Attributes>> attached = new HashMap<>();
        attached.put("EtabEducNat", new HashMap<>());
        attached.put("PersEducNat", new HashMap<>());
        List<Light> all = new ArrayList<>();
        Set<String> classes = new HashSet<>();
        String classesOf = "ARRAY(SELECT jsonb_array_elements_text(COALESCE(n.attrs -> 'ENTPersonClasses', '[]')))";
        try (PreparedStatement query = Sql.prepare(connection, "SELECT n.type, n.id, CASE WHEN n.type = 'Eleve' THEN NULL "
                + "ELSE n.attrs::text END, CASE WHEN n.type = 'Eleve' THEN " + classesOf + " END, n.links "
                + "FROM onde_entity n WHERE n.type IN ('EtabEducNat', 'PersEducNat', 'Eleve') "
                + "AND n.school_keys @> ARRAY[?]::text[]", key); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String type = rows.getString(1);
                String id = rows.getString(2);
                boolean named = next.named().contains(type + "|" + id);
                if (!"Eleve".equals(type)) {
                    if (!named) {
                        attached.get(type).put(id, attributes(rows.getString(3)));
                    }
                    continue;
                }
                String[] place = SchoolDiff.placeOf(texts(rows.getArray(4)), key);
                String classId = place == null ? null : place[1];
                boolean affected = next.affected().contains("Eleve|" + id);
                if (affected && classId != null) {
                    classes.add(classId); // the class an affected pupil was in as last imported
                }
                if (!named) { // else as the delta says, below
                    all.add(new Light(id, classId, place == null ? null : place[2], texts(rows.getArray(5)), affected));
                }
            }
        }
        for (String type : List.of("EtabEducNat", "PersEducNat")) {
            List<String> own = inDelta(next, type, key);
            if (!own.isEmpty()) {
                attached.get(type).putAll(entities(connection, "SELECT id, attrs FROM onde_next WHERE type = ? "
                        + "AND id = ANY(?)", type, connection.createArrayOf("text", own.toArray())));
            }
        }
        Attributes attributes = schoolOf(attached, school);
        if (attributes == null) {
            return null;
        }
        List<String> ownPupils = inDelta(next, "Eleve", key);
        if (!ownPupils.isEmpty()) {
            try (PreparedStatement query = Sql.prepare(connection, "SELECT n.id, " + classesOf + ", n.links FROM "
                    + "onde_next n WHERE n.type = 'Eleve' AND n.id = ANY(?)",
                    connection.createArrayOf("text", ownPupils.toArray())); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String classId = SchoolDiff.classOf(texts(rows.getArray(2)), key);
                    if (classId != null) {
                        classes.add(classId); // the class a pupil the delta names is in (each one is affected)
                    }
                    all.add(new Light(rows.getString(1), classId, null, texts(rows.getArray(3)), true));
                }
            }
        }
        // What was published: the rosters of those classes, and whether any is of the contract before rosters.
        // In the same pass, how many rosters the other classes have and how many pupils are in them: those stand
        // (counted in the text, where each pupil's entry has the one "pupilId" key: a string value cannot hold the
        // key's quotes unescaped, and reading every other roster as JSON cost more than the rest of the query).
        // The responsables' ids; the payloads of those in scope are read below, once the scope is known.
        Map<String, Map<String, String>> published = new HashMap<>();
        int otherClasses = 0;
        int otherPupils = 0;
        try (PreparedStatement query = Sql.prepare(connection, "SELECT kind, school_year, entity_id, "
                + "CASE WHEN kind <> ? THEN payload END, CASE WHEN kind = ? AND entity_id <> ALL(?) THEN "
                + "(octet_length(payload) - octet_length(replace(payload, '\"pupilId\":', ''))) / 10 END "
                + "FROM onde_published WHERE uai = ? AND school_year IN (?, '-')", SchoolDiff.RESPONSABLE,
                SchoolDiff.CLASS, connection.createArrayOf("text", classes.toArray()), school.uai(), schoolYear);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                int pupilsOfOther = rows.getInt(5);
                if (!rows.wasNull()) {
                    otherClasses++;
                    otherPupils += pupilsOfOther;
                } else {
                    published.computeIfAbsent(rows.getString(1), k -> new TreeMap<>())
                            .put(SchoolInput.key(rows.getString(2), rows.getString(3)), rows.getString(4));
                }
            }
        }
        if (published.containsKey(SchoolDiff.LEGACY_PUPIL) || published.containsKey(SchoolDiff.LEGACY_RESPONSABLE)) {
            return null;
        }
        // The responsables linked to the school's pupils, either way (those in scope who name them, as the delta
        // says or as last imported; those the pupils name), and those published for the school: which of them are in
        // scope, and the pupils they name. A responsable out of scope that names a pupil does not matter here.
        Map<String, Set<String>> namers = new HashMap<>();
        for (Light p : all) {
            for (String responsable : next.affectedNamedBy().getOrDefault(p.id(), List.of())) {
                namers.computeIfAbsent(responsable, k -> new HashSet<>()).add(p.id());
            }
            for (String responsable : next.namedBy().getOrDefault(p.id(), List.of())) {
                namers.computeIfAbsent(responsable, k -> new HashSet<>()).add(p.id());
            }
        }
        Set<String> candidates = new HashSet<>(namers.keySet());
        all.forEach(p -> candidates.addAll(p.links()));
        published.getOrDefault(SchoolDiff.RESPONSABLE, Map.of()).keySet()
                .forEach(k -> candidates.add(k.substring(k.indexOf('|') + 1)));
        Set<String> inScope = new HashSet<>(candidates);
        inScope.removeIf(r -> !next.affected().contains("PersRelEleve|" + r));
        Map<String, String> publishedResponsables = published.getOrDefault(SchoolDiff.RESPONSABLE, Map.of());
        List<String> compared = inScope.stream()
                .filter(r -> publishedResponsables.containsKey(SchoolInput.key(SchoolDiff.UNDATED, r))).toList();
        if (!compared.isEmpty()) {
            try (PreparedStatement query = Sql.prepare(connection, "SELECT entity_id, payload FROM onde_published "
                    + "WHERE uai = ? AND kind = ? AND school_year = ? AND entity_id = ANY(?)", school.uai(),
                    SchoolDiff.RESPONSABLE, SchoolDiff.UNDATED, connection.createArrayOf("text", compared.toArray()));
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    publishedResponsables.put(SchoolInput.key(SchoolDiff.UNDATED, rows.getString(1)),
                            rows.getString(2));
                }
            }
        }
        Set<String> named = new HashSet<>();
        inScope.forEach(r -> named.addAll(namers.getOrDefault(r, Set.of())));
        // Loaded whole: the pupils whose roster entry may change. The others of the classes compared keep the entry
        // their class's published roster gives them (neither they, nor their links, nor a responsable linked to them
        // changed), so that a roster compared again costs what changed in it, not the whole class.
        Set<String> chosen = new HashSet<>();
        Map<String, SchoolInput.Place> kept = new HashMap<>();
        for (Light p : all) {
            if (p.affected() || named.contains(p.id()) || p.links().stream().anyMatch(inScope::contains)) {
                chosen.add(p.id());
            } else if (classes.contains(p.classId())) {
                kept.put(p.id(), new SchoolInput.Place(p.classId(), p.className()));
            }
        }
        Map<String, Attributes> pupils = byIds(connection, "Eleve", chosen);
        // Their responsables: those who name them, in scope or not, and those they name.
        Set<String> responsableIds = new HashSet<>(namers(connection, next, pupils.keySet()).keySet());
        pupils.values().forEach(p -> p.all("ENTEleveAutoriteParentale").forEach(v -> responsableIds.add(v.split("\\$")[0])));
        Map<String, Attributes> responsables = byIds(connection, "PersRelEleve", responsableIds);
        // The school's earlier rejections, but those of the pupils loaded here (compared again) and of those the delta
        // names (an affected pupil still in the school is loaded; one that is not left it, or was deleted).
        List<SchoolDiff.Rejected> carried = new ArrayList<>();
        for (RejectedPupil earlier : Rejections.latest(connection, school.uai())) {
            if (!pupils.containsKey(earlier.pupilId()) && !next.named().contains("Eleve|" + earlier.pupilId())) {
                Set<RejectionReason> reasons = new java.util.TreeSet<>();
                earlier.reasons().forEach(reason -> reasons.add(RejectionReason.valueOf(reason)));
                carried.add(new SchoolDiff.Rejected(earlier.pupilId(), earlier.lastName(), earlier.firstName(),
                        earlier.className(), reasons));
            }
        }
        return new SchoolInput(school.uai(), key, attributes, pupils, responsables,
                attached.getOrDefault("PersEducNat", Map.of()), published,
                OndeSchools.find(connection, school.uai()).orElse(null),
                new SchoolInput.Scope(Set.copyOf(classes), Set.copyOf(inScope), otherClasses, otherPupils, carried,
                        Map.copyOf(kept)));
    }

    /**
     * A delta's new state of these entities of a type: as the delta says (none when it deletes them), else as last
     * imported — each table by its key (read through the new state's relation, PostgreSQL scanned the delta's table
     * for every school).
     */
    private Map<String, Attributes> byIds(Connection connection, String type, Set<String> ids) throws SQLException {
        Map<String, Attributes> entities = new HashMap<>();
        Set<String> rest = new HashSet<>(ids);
        try (PreparedStatement query = Sql.prepare(connection, "SELECT id, attrs, deleted FROM onde_next WHERE type = ? "
                + "AND id = ANY(?)", type, connection.createArrayOf("text", ids.toArray()));
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                rest.remove(rows.getString(1));
                if (!rows.getBoolean(3)) {
                    entities.put(rows.getString(1), attributes(rows.getString(2)));
                }
            }
        }
        entities.putAll(entities(connection, "SELECT id, attrs FROM onde_entity WHERE type = ? AND id = ANY(?)", type,
                connection.createArrayOf("text", rest.toArray())));
        return entities;
    }

    /**
     * The responsables who name these pupils (ENTPersRelEleveEleve), each with those of the pupils they name: as the
     * delta says (held in {@link Next#namedBy}) or as last imported (the links index).
     */
    private static Map<String, Set<String>> namers(Connection connection, Next next, Set<String> pupils)
            throws SQLException {
        Map<String, Set<String>> namers = new HashMap<>();
        try (PreparedStatement query = Sql.prepare(connection, "SELECT id, links FROM onde_entity "
                + "WHERE type = 'PersRelEleve' AND links && ?", connection.createArrayOf("text", pupils.toArray()));
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Set<String> named = namers.computeIfAbsent(rows.getString(1), k -> new HashSet<>());
                for (String pupil : texts(rows.getArray(2))) {
                    if (pupils.contains(pupil)) {
                        named.add(pupil);
                    }
                }
            }
        }
        for (String pupil : pupils) {
            for (String responsable : next.namedBy().getOrDefault(pupil, List.of())) {
                namers.computeIfAbsent(responsable, k -> new HashSet<>()).add(pupil);
            }
        }
        return namers;
    }

    /** The ids of the entities of a type the delta attaches to a school's key (not deleted). */
    private static List<String> inDelta(Next next, String type, String key) {
        List<String> ids = new ArrayList<>();
        for (String entity : next.attachedBy().getOrDefault(key, List.of())) {
            if (entity.startsWith(type + "|")) {
                ids.add(entity.substring(type.length() + 1));
            }
        }
        return ids;
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** The entities of these types attached to the school (its join key), by type then id. */
    private Map<String, Map<String, Attributes>> attached(Connection connection, String state, SchoolRef school,
            String types) throws SQLException {
        Map<String, Map<String, Attributes>> attached = new HashMap<>();
        try (PreparedStatement query = Sql.prepare(connection, "SELECT type, id, attrs FROM " + state + " n WHERE type "
                + "IN (" + types + ") AND school_keys @> ARRAY[?]::text[]", school.joinKey());
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                attached.computeIfAbsent(rows.getString(1), t -> new HashMap<>()).put(rows.getString(2),
                        attributes(rows.getString(3)));
            }
        }
        return attached;
    }

    /** The school's own attributes among those attached to its join key, or null when it is no longer in ONDE. */
    private static Attributes schoolOf(Map<String, Map<String, Attributes>> attached, SchoolRef school) {
        return attached.getOrDefault("EtabEducNat", Map.of()).values().stream()
                .filter(a -> school.uai().equals(a.first("ENTStructureUAI"))).findFirst().orElse(null);
    }

    /** The responsables these pupils name (parental authority) or who name them. */
    private Map<String, Attributes> responsablesOf(Connection connection, String state, Map<String, Attributes> pupils)
            throws SQLException {
        List<String> authority = new ArrayList<>();
        pupils.values().forEach(p -> p.all("ENTEleveAutoriteParentale").forEach(v -> authority.add(v.split("\\$")[0])));
        // UNION ALL, each responsable once by the second part's condition: a UNION compared the rows' attributes to
        // find the same responsable twice (an OR made PostgreSQL read the whole table for each school).
        Array named = connection.createArrayOf("text", authority.toArray());
        return entities(connection, "SELECT id, attrs FROM " + state + " n WHERE type = 'PersRelEleve' "
                + "AND id = ANY(?) UNION ALL SELECT id, attrs FROM " + state + " n WHERE type = 'PersRelEleve' "
                + "AND links && ? AND id <> ALL(?)", named,
                connection.createArrayOf("text", pupils.keySet().toArray()), named);
    }

    /** What was last published for the school (kind → "schoolYear|entityId" → payload), of the school year and undated. */
    private static Map<String, Map<String, String>> published(Connection connection, String uai, String schoolYear)
            throws SQLException {
        Map<String, Map<String, String>> published = new HashMap<>();
        try (PreparedStatement query = Sql.prepare(connection, "SELECT kind, school_year, entity_id, payload "
                + "FROM onde_published WHERE uai = ? AND school_year IN (?, '-')", uai, schoolYear);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                published.computeIfAbsent(rows.getString(1), k -> new TreeMap<>())
                        .put(SchoolInput.key(rows.getString(2), rows.getString(3)), rows.getString(4));
            }
        }
        return published;
    }

    private Map<String, Attributes> entities(Connection connection, String sql, Object... parameters) throws SQLException {
        Map<String, Attributes> entities = new HashMap<>();
        try (PreparedStatement query = Sql.prepare(connection, sql, parameters)) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entities.put(rows.getString(1), attributes(rows.getString(2)));
                }
            }
        }
        return entities;
    }

    private Attributes attributes(String attrs) {
        try {
            return new Attributes(json.readValue(attrs, ATTRIBUTES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attributes in onde_next", e);
        }
    }

    /**
     * The import is published: its state becomes the last imported one (a complete export's by swapping the tables,
     * a delta's merged into it), the working tables are emptied.
     */
    public void keepNext(Next next) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE onde_entity, onde_next IN ACCESS EXCLUSIVE MODE");
                if (next.complete()) {
                    statement.execute("ALTER TABLE onde_entity RENAME TO onde_entity_previous");
                    statement.execute("ALTER TABLE onde_next RENAME TO onde_entity");
                    statement.execute("ALTER TABLE onde_entity_previous RENAME TO onde_next");
                } else {
                    statement.execute("DELETE FROM onde_entity e USING onde_next n WHERE e.type = n.type AND e.id = n.id");
                    statement.execute("INSERT INTO onde_entity (type, id, school_keys, links, attrs) "
                            + "SELECT type, id, school_keys, links, attrs FROM onde_next WHERE NOT deleted");
                }
                statement.execute("TRUNCATE onde_next, onde_stage, onde_change, onde_affected");
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
            statement.execute("TRUNCATE onde_next, onde_stage, onde_change, onde_affected");
        }
    }
}
