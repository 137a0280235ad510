package fr.ent.onde.imports;

import static fr.ent.onde.imports.Imports.awaitEnd;
import static fr.ent.onde.imports.Imports.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import fr.ent.onde.imports.publish.ImportState;
import fr.ent.testsupport.RealServersResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delta compared only where it affects something publishes, school by school, what comparing its schools whole
 * publishes — the same events in the same order, the same counts, the same rejections — on a generated académie and
 * its next day's delta (class changes, leavers, arrivals, new phone numbers, responsables no longer linked).
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ScopedDeltaTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ImportState state;

    @AfterEach
    void scopedAgain() {
        state.scopeDeltas(true);
    }

    @Test
    void aScopedDeltaPublishesWhatTheWholeComparisonDoes() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(11, 3000);
        OndeExportGenerator generator = new OndeExportGenerator(settings);
        Path complete = Imports.zipFolder(dir, generator.complete(settings.schoolYear(), dir.resolve("complet")).folder());
        Path deltaFolder = generator.delta(dir.resolve("delta")).folder();
        // The generated delta leaves rejected pupils alone: two of them leave as well, so that a scoped school must
        // not carry their earlier rejections over.
        Imports.forgetEverythingImported(dataSource);
        JsonPath first = awaitEnd(upload(complete));
        assertEquals("COMPLETED", first.getString("status"), first.getString("phase"));
        List<String> leaving = new ArrayList<>();
        rows("SELECT pupil_id FROM onde_rejection ORDER BY pupil_id LIMIT 2", row -> leaving.add(row.getString(1)));
        assertEquals(2, leaving.size(), "rejected pupils to delete");
        deleteAlso(deltaFolder, leaving);
        Path delta = Imports.zipFolder(dir, deltaFolder);

        state.scopeDeltas(false);
        Outcome whole = importBoth(complete, delta);
        assertFalse(whole.phase().contains("compared where the delta affects them"), whole.phase());
        state.scopeDeltas(true);
        Outcome scoped = importBoth(complete, delta);
        assertTrue(scoped.phase().contains("compared where the delta affects them"), scoped.phase());

        assertTrue(whole.events().values().stream().mapToInt(List::size).sum() > 100, "the delta changes things");
        assertTrue(whole.events().values().stream().flatMap(List::stream).anyMatch(e -> e.contains("pupil.left")));
        assertTrue(whole.events().values().stream().flatMap(List::stream).anyMatch(e -> e.contains("responsable.removed")));
        assertFalse(whole.rejections().isEmpty(), "some pupils are rejected");
        assertEquals(whole.events().keySet(), scoped.events().keySet(), "the schools with events");
        whole.events().forEach((uai, events) -> assertEquals(events, scoped.events().get(uai), "the events of " + uai));
        assertEquals(whole.counts(), scoped.counts(), "the counts per school");
        assertEquals(whole.rejections(), scoped.rejections(), "the rejections");
        leaving.forEach(pupil -> assertTrue(scoped.rejections().stream().noneMatch(r -> r.contains("|" + pupil + "|")),
                "a deleted pupil's rejection is not carried over: " + pupil));
        // Three complete exports later, onde_entity and onde_next having swapped names each time, both still have
        // their primary key and one search index on each array (a complete export's state rebuilds them whole).
        Map<String, String> indexes = new TreeMap<>();
        rows("SELECT relname, string_agg(what, ', ' ORDER BY what) FROM (SELECT t.relname, CASE WHEN x.indisprimary "
                + "THEN 'pkey' ELSE regexp_replace(pg_get_indexdef(x.indexrelid), '.* USING (\\w+) \\((\\w+)\\).*', "
                + "'\\1 \\2') END AS what FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid "
                + "WHERE t.relname IN ('onde_entity', 'onde_next')) i "
                + "GROUP BY relname", row -> indexes.put(row.getString(1), row.getString(2)));
        assertEquals(Map.of("onde_entity", "gin links, gin school_keys, pkey", "onde_next",
                "gin links, gin school_keys, pkey"), indexes);
    }

    /** Adds a delete request of each of these pupils to the delta's first pupil file, copied from one it has. */
    private static void deleteAlso(Path deltaFolder, List<String> pupils) throws Exception {
        Path file;
        try (var files = Files.list(deltaFolder)) {
            file = files.filter(f -> f.getFileName().toString().endsWith("_Eleve_0000.xml")).findFirst().orElseThrow();
        }
        String xml = Files.readString(file);
        Matcher request = Pattern.compile("<deleteRequest>.*?<id>([^<]+)</id>.*?</deleteRequest>", Pattern.DOTALL)
                .matcher(xml);
        assertTrue(request.find(), "the generated delta deletes pupils");
        StringBuilder added = new StringBuilder();
        for (String pupil : pupils) {
            added.append("\n  ").append(request.group().replace(">" + request.group(1) + "<", ">" + pupil + "<"));
        }
        int end = xml.lastIndexOf("</ficAlimMENESR>");
        Files.writeString(file, xml.substring(0, end) + added + "\n" + xml.substring(end));
    }

    /** What a delta published, per school in order (its import id left out), its counts and rejections. */
    private record Outcome(String phase, Map<String, List<String>> events, Map<String, String> counts,
            TreeSet<String> rejections) {
    }

    private Outcome importBoth(Path complete, Path delta) throws Exception {
        Imports.forgetEverythingImported(dataSource);
        JsonPath first = awaitEnd(upload(complete));
        assertEquals("COMPLETED", first.getString("status"), first.getString("phase"));
        long before = count("SELECT COALESCE(max(seq), 0) FROM outbox_event");
        String id = upload(delta);
        JsonPath next = awaitEnd(id);
        assertEquals("COMPLETED", next.getString("status"), next.getString("phase"));
        Map<String, List<String>> events = new TreeMap<>();
        rows("SELECT aggregateid, type || ' ' || replace(payload, ?, '<import>') FROM outbox_event WHERE seq > ? "
                + "ORDER BY seq", row -> events.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                        .add(row.getString(2)), id, before);
        Map<String, String> counts = new TreeMap<>();
        rows("SELECT uai, concat_ws(' ', pupils, rejected, classes, staff, responsables, changes, removed_pupils) "
                + "FROM onde_import_school WHERE import_id = ?::uuid", row -> counts.put(row.getString(1),
                        row.getString(2)), id);
        TreeSet<String> rejections = new TreeSet<>();
        rows("SELECT concat_ws('|', uai, pupil_id, last_name, first_name, class_name, reasons) FROM onde_rejection "
                + "WHERE import_id = ?::uuid", row -> rejections.add(row.getString(1)), id);
        return new Outcome(next.getString("phase"), events, counts, rejections);
    }

    private interface Row {
        void accept(ResultSet row) throws Exception;
    }

    private void rows(String sql, Row each, Object... parameters) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    each.accept(rows);
                }
            }
        }
    }

    private long count(String sql) throws Exception {
        long[] n = new long[1];
        rows(sql, row -> n[0] = row.getLong(1));
        return n[0];
    }
}
