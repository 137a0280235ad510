package fr.ent.onde.imports;

import static fr.ent.onde.imports.Imports.awaitEnd;
import static fr.ent.onde.imports.Imports.published;
import static fr.ent.onde.imports.Imports.types;
import static fr.ent.onde.imports.Imports.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONDE-4 against the real broker and database: only changes are published, per school, in order. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ImportPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void nothingImportedYet() throws SQLException {
        Imports.forgetEverythingImported(dataSource);
    }

    @Test
    void aCompleteExportPublishesEachSchoolInOrderAndTheSameExportAgainPublishesNoChange() throws IOException {
        GeneratorSettings settings = GeneratorSettings.defaults(21, 600);
        OndeExportGenerator.Export export = new OndeExportGenerator(settings).complete(settings.schoolYear(),
                dir.resolve("complete"));
        Path zip = Imports.zipFolder(dir, export.folder());

        JsonPath first = awaitEnd(upload(zip));
        assertEquals("COMPLETED", first.getString("status"), first.prettify());
        assertEquals(export.schools(), first.getList("schools").size());
        // A page following the progress leaves the schools out
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR))).get("/api/imports/"
                + first.getString("id") + "?schools=false").then().statusCode(200)
                .body("schools", org.hamcrest.Matchers.nullValue())
                .body("progress.schoolsTotal", equalTo(export.schools()));
        Map<String, List<ConsumerRecord<String, String>>> bySchool = published(first.getString("id"), export.schools());
        assertEquals(export.schools(), bySchool.size());
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> school : bySchool.entrySet()) {
            List<ConsumerRecord<String, String>> records = school.getValue();
            List<String> types = types(records);
            assertEquals(EventTypes.ONDE_SCHOOL_UPSERTED, types.get(0), "the school comes first");
            assertEquals(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, types.get(types.size() - 1), "the marker comes last");
            Set<String> classesSeen = new HashSet<>();
            Set<String> pupilsSeen = new HashSet<>();
            Set<String> responsablesSeen = new HashSet<>();
            Set<String> linked = new HashSet<>();
            for (ConsumerRecord<String, String> record : records) {
                String type = TestKafka.header(record, "ce_type");
                assertEquals(Set.of(), EventSchemas.violations(type, record.value()), type + " " + record.value());
                JsonNode payload = JSON.readTree(record.value());
                assertEquals(school.getKey(), payload.get("uai").asText(), "keyed by the school it is about");
                if (type.equals(EventTypes.ONDE_RESPONSABLES_UPSERTED)) {
                    for (JsonNode responsable : payload.get("responsables")) {
                        assertTrue(responsablesSeen.add(responsable.get("responsableId").asText()), "once each");
                    }
                    assertTrue(classesSeen.isEmpty(), "responsables before the rosters that link to them");
                }
                if (type.equals(EventTypes.ONDE_CLASS_UPSERTED)) {
                    assertTrue(classesSeen.add(payload.get("classId").asText()), "one roster per class");
                    for (JsonNode pupil : payload.get("pupils")) {
                        assertTrue(pupilsSeen.add(pupil.get("pupilId").asText()), "a pupil is in one roster");
                        for (JsonNode link : pupil.get("responsables")) {
                            assertTrue(responsablesSeen.contains(link.get("responsableId").asText()),
                                    "a roster links to responsables published before it: " + link);
                            linked.add(link.get("responsableId").asText());
                        }
                    }
                }
            }
            assertTrue(types.indexOf(EventTypes.ONDE_CLASS_UPSERTED) > 0, "the school before its rosters");
            JsonNode counts = JSON.readTree(records.get(records.size() - 1).value()).get("counts");
            assertEquals(pupilsSeen.size(), counts.get("pupils").asInt());
            assertEquals(classesSeen.size(), counts.get("classes").asInt());
            assertEquals(responsablesSeen.size(), counts.get("responsables").asInt());
            assertEquals(linked, responsablesSeen, "every responsable published is linked to a pupil of the school");
            assertEquals(records.size() - 1, counts.get("changes").asInt());
            assertEquals(pupilsSeen.size(), first.getInt("schools.find { it.uai == '" + school.getKey() + "' }.pupils"));
        }
        assertTrue(first.getInt("schools.rejected.sum()") > 0, "generated pupils failing a rule are not published");
        assertEquals(first.getInt("schools.pupils.sum()") + first.getInt("schools.rejected.sum()"), export.pupils());

        JsonPath again = awaitEnd(upload(zip));
        assertEquals("COMPLETED", again.getString("status"), again.prettify());
        assertEquals(0, again.getInt("schools.changes.sum()"));
        published(again.getString("id"), export.schools()).forEach((uai, records) -> assertEquals(
                List.of(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED), types(records), "nothing but the marker for " + uai));
    }

    @Test
    void aDeltaPublishesWhatItChangesAndNothingElse() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(22, 900);
        OndeExportGenerator generator = new OndeExportGenerator(settings);
        OndeExportGenerator.Export complete = generator.complete(settings.schoolYear(), dir.resolve("complete"));
        assertEquals("COMPLETED", awaitEnd(upload(Imports.zipFolder(dir, complete.folder()))).getString("status"));
        OndeExportGenerator.Export delta = generator.delta(dir.resolve("delta"));
        String pupils = read(delta.folder(), "_Eleve_");
        int moves = count(pupils, "<modifyRequest>");
        int deletes = count(pupils, "<deleteRequest>");
        Set<String> modifiedResponsables = ids(read(delta.folder(), "_PersRelEleve_"), "modifyRequest");
        assertTrue(moves > 0 && deletes > 0 && !modifiedResponsables.isEmpty(), "the generated delta has some of each");

        Set<String> moved = ids(pupils, "modifyRequest");
        Set<String> deleted = ids(pupils, "deleteRequest");
        Map<String, Set<String>> rostersBefore = publishedRosters();

        JsonPath status = awaitEnd(upload(Imports.zipFolder(dir, delta.folder())));
        assertEquals("COMPLETED", status.getString("status"), status.prettify());
        List<ConsumerRecord<String, String>> events = published(status.getString("id"),
                (int) status.getList("schools.findAll { it.changes > 0 }").size()).values().stream()
                .flatMap(List::stream).toList();
        List<String> types = types(events);
        assertEquals(deletes, types.stream().filter(EventTypes.ONDE_PUPIL_LEFT::equals).count());
        assertFalse(types.contains(EventTypes.ONDE_SCHOOL_UPSERTED) || types.contains(EventTypes.ONDE_STAFF_UPSERTED),
                "nothing the delta does not change: " + types);
        Set<String> newPhones = new HashSet<>();
        Set<String> movedSeen = new HashSet<>();
        for (ConsumerRecord<String, String> event : events) {
            if (EventTypes.ONDE_RESPONSABLES_UPSERTED.equals(TestKafka.header(event, "ce_type"))) {
                for (JsonNode responsable : JSON.readTree(event.value()).get("responsables")) {
                    assertTrue(modifiedResponsables.contains(responsable.get("responsableId").asText()),
                            "only the responsables the delta changes: " + event.value());
                    assertEquals("0700000000", responsable.get("phoneMobile").asText());
                    newPhones.add(responsable.get("responsableId").asText());
                }
            }
            if (!EventTypes.ONDE_CLASS_UPSERTED.equals(TestKafka.header(event, "ce_type"))) {
                continue;
            }
            JsonNode roster = JSON.readTree(event.value());
            boolean changed = false;
            for (JsonNode pupil : roster.get("pupils")) {
                String pupilId = pupil.get("pupilId").asText();
                changed |= moved.contains(pupilId) && movedSeen.add(pupilId);
            }
            Set<String> before = rostersBefore.getOrDefault(roster.get("uai").asText() + "|"
                    + roster.get("classId").asText(), Set.of());
            changed |= before.stream().anyMatch(id -> moved.contains(id) || deleted.contains(id));
            assertTrue(changed, "a roster is published again only when the delta changes it: " + event.value());
        }
        assertEquals(moves, movedSeen.size(), "every moved pupil is in the roster of their new class");
        assertFalse(newPhones.isEmpty(), "the new phone numbers are published");
        assertTrue(types.stream().filter(EventTypes.ONDE_CLASS_UPSERTED::equals).count() <= 2L * (moves + deletes),
                "a new phone number republishes the responsable, not the rosters of their children");

        // ONDE-3: the rejections listed for a school are those of the state the delta led to
        String uai = status.getString("schools.find { it.rejected > 0 }.uai");
        int rejected = status.getInt("schools.find { it.rejected > 0 }.rejected");
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, uai))).accept("application/json")
                .get("/api/schools/" + uai + "/rejections").then().statusCode(200)
                .body("size()", equalTo(rejected)).body("importId", everyItem(equalTo(status.getString("id"))));
    }

    @Test
    void aDeltaLooksOnlyAtTheSchoolsItTouchesAndIsKeptInTheState() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(22, 900);
        OndeExportGenerator generator = new OndeExportGenerator(settings);
        OndeExportGenerator.Export complete = generator.complete(settings.schoolYear(), dir.resolve("complete"));
        JsonPath first = awaitEnd(upload(Imports.zipFolder(dir, complete.folder())));
        assertEquals("COMPLETED", first.getString("status"));
        // A delta of two requests: one responsable's new phone, one pupil deleted.
        OndeExportGenerator.Export generated = generator.delta(dir.resolve("delta"));
        Map<String, String> kept = keepFirst(generated.folder(), Map.of("_PersRelEleve_", "modifyRequest",
                "_Eleve_", "deleteRequest"));
        String responsable = kept.get("_PersRelEleve_");
        String pupil = kept.get("_Eleve_");
        Set<String> touched = new HashSet<>(queryAll("SELECT DISTINCT uai FROM onde_published WHERE kind = 'class' "
                + "AND (payload LIKE '%\"responsableId\":\"" + responsable + "\"%' "
                + "OR payload LIKE '%\"pupilId\":\"" + pupil + "\"%')"));
        assertEquals(1, queryAll("SELECT uai FROM onde_published WHERE kind = 'class' AND payload LIKE '%\"pupilId\":\""
                + pupil + "\"%'").size(), "the deleted pupil was in one roster");
        assertTrue(!touched.isEmpty() && touched.size() < first.getList("schools").size(),
                "the delta touches some schools, not all: " + touched);
        String entities = query("SELECT count(*) FROM onde_entity");
        int responsableSchools = queryAll("SELECT uai FROM onde_published WHERE kind = 'responsable' AND entity_id = '"
                + responsable + "'").size();

        JsonPath status = awaitEnd(upload(Imports.zipFolder(dir, generated.folder())));
        assertEquals("COMPLETED", status.getString("status"), status.prettify());
        assertEquals(touched, new HashSet<>(status.getList("schools.uai", String.class)),
                "only the schools of the responsable's children and of the pupil are looked at");
        List<ConsumerRecord<String, String>> events = published(status.getString("id"), touched.size()).values()
                .stream().flatMap(List::stream).toList();
        List<String> types = types(events);
        assertEquals(1, types.stream().filter(EventTypes.ONDE_PUPIL_LEFT::equals).count(), types.toString());
        assertTrue(Set.of(EventTypes.ONDE_CLASS_UPSERTED, EventTypes.ONDE_CLASS_REMOVED, EventTypes.ONDE_PUPIL_LEFT,
                EventTypes.ONDE_RESPONSABLES_UPSERTED, EventTypes.ONDE_RESPONSABLE_REMOVED,
                EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED).containsAll(types), "nothing the delta does not change: " + types);
        assertTrue(types.stream().filter(t -> t.equals(EventTypes.ONDE_CLASS_UPSERTED)
                || t.equals(EventTypes.ONDE_CLASS_REMOVED)).count() == 1, "only the pupil's class again: " + types);
        List<JsonNode> responsables = new ArrayList<>();
        for (ConsumerRecord<String, String> e : events) {
            if (EventTypes.ONDE_RESPONSABLES_UPSERTED.equals(TestKafka.header(e, "ce_type"))) {
                JSON.readTree(e.value()).get("responsables").forEach(responsables::add);
            }
        }
        assertEquals(responsableSchools, responsables.size(), "the responsable once per school of their children");
        assertTrue(responsables.stream().allMatch(r -> r.get("responsableId").asText().equals(responsable)
                && r.get("phoneMobile").asText().equals("0700000000")), responsables.toString());
        // The state the next import is compared with: the delta merged in, nothing else changed.
        assertEquals(List.of("0700000000"), queryAll("SELECT attrs -> 'ENTPersRelEleveTelMobile' ->> 0 FROM onde_entity "
                + "WHERE type = 'PersRelEleve' AND id = '" + responsable + "'"));
        assertEquals(List.of("0"), queryAll("SELECT count(*) FROM onde_entity WHERE type = 'Eleve' AND id = '" + pupil + "'"));
        assertEquals(Long.parseLong(entities) - 1, Long.parseLong(query("SELECT count(*) FROM onde_entity")));
    }

    /**
     * Keeps, in an export's folder, only the first request of the given kind in the files of each given type (file
     * name part → request); returns the ids of the entities kept, by type.
     */
    private static Map<String, String> keepFirst(Path folder, Map<String, String> requestByType) throws IOException {
        Map<String, String> kept = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String type = requestByType.keySet().stream().filter(t -> file.toString().contains(t)).findFirst()
                        .orElse(null);
                String xml = Files.readString(file);
                Matcher requests = Pattern.compile("(?s)  <(addRequest|modifyRequest|deleteRequest)>.*?</\\1>\n").matcher(xml);
                StringBuilder out = new StringBuilder();
                while (requests.find()) {
                    boolean keep = type != null && !kept.containsKey(type)
                            && requests.group(1).equals(requestByType.get(type));
                    if (keep) {
                        Matcher id = Pattern.compile("<id>([^<]+)</id>").matcher(requests.group());
                        assertTrue(id.find());
                        kept.put(type, id.group(1));
                    }
                    requests.appendReplacement(out, keep ? Matcher.quoteReplacement(requests.group()) : "");
                }
                requests.appendTail(out);
                Files.writeString(file, out.toString());
            }
        }
        assertEquals(requestByType.keySet(), kept.keySet(), "the generated delta has each request asked for");
        return kept;
    }

    private List<String> queryAll(String sql) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void aCompleteExportRemovingTooManyPupilsIsHeldUntilConfirmedAndChangesNothingMeanwhile() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(23, 300);
        OndeExportGenerator generator = new OndeExportGenerator(settings);
        Path complete = Imports.zipFolder(dir, generator.complete(settings.schoolYear(), dir.resolve("full")).folder());
        assertEquals("COMPLETED", awaitEnd(upload(complete)).getString("status"));
        Path truncated = withoutEveryOtherPupil(generator.complete(settings.schoolYear(), dir.resolve("half")).folder());
        long outbox = outboxRows();
        String published = publishedState();
        String rectorat = TestTokens.sign(TestUser.withRole(Roles.RECTORAT));

        JsonPath held = awaitEnd(upload(truncated));
        assertEquals("HELD", held.getString("status"), held.prettify());
        assertTrue(held.getString("phase").contains("would remove more than 10 % of the pupils of 2 school(s)"),
                held.getString("phase"));
        assertTrue(held.getInt("schools.removedPupils.sum()") > 0);
        given().auth().oauth2(rectorat).post("/api/imports/" + held.getString("id") + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED"));
        assertEquals(outbox, outboxRows(), "a held or discarded export publishes nothing");
        assertEquals(published, publishedState());

        String again = awaitEnd(upload(truncated)).getString("id");
        given().auth().oauth2(rectorat).post("/api/imports/" + again + "/confirm").then().statusCode(200);
        JsonPath confirmed = awaitEnd(again);
        assertEquals("COMPLETED", confirmed.getString("status"), confirmed.prettify());
        long left = published(again, 2).values().stream().flatMap(List::stream)
                .filter(r -> EventTypes.ONDE_PUPIL_LEFT.equals(TestKafka.header(r, "ce_type"))).count();
        assertEquals(confirmed.getInt("schools.removedPupils.sum()"), left);
        assertTrue(left > 0);
    }

    /**
     * A school that a complete export no longer has has left ONDE. Removing all its pupils holds the export until a
     * rectorate user confirms it; then its rosters and staff are removed and its pupils leave, the school itself is
     * removed after them, just before its marker, and nothing of it stays published or known as a school of ONDE. The
     * other school, the same as before, gets its marker alone.
     */
    @Test
    void aSchoolMissingFromACompleteExportIsRemovedWithEverythingItHad() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(25, 300);
        OndeExportGenerator generator = importedComplete(settings, "both");
        List<String> schools = queryAll("SELECT uai FROM onde_school ORDER BY uai");
        assertEquals(2, schools.size(), "the generated académie's schools: " + schools);
        String gone = schools.get(0);
        String stays = schools.get(1);
        int classes = Integer.parseInt(query("SELECT count(*) FROM onde_published WHERE kind = 'class' AND uai = '"
                + gone + "'"));
        int staff = Integer.parseInt(query("SELECT count(*) FROM onde_published WHERE kind = 'staff' AND uai = '"
                + gone + "'"));
        assertTrue(classes > 0 && staff > 0, classes + " classes, " + staff + " staff");
        Path without = withoutSchool(generator.complete(settings.schoolYear(), dir.resolve("one")).folder(), gone);

        JsonPath held = awaitEnd(upload(without));
        assertEquals("HELD", held.getString("status"), held.prettify());
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.RECTORAT)))
                .post("/api/imports/" + held.getString("id") + "/confirm").then().statusCode(200);
        JsonPath confirmed = awaitEnd(held.getString("id"));
        assertEquals("COMPLETED", confirmed.getString("status"), confirmed.prettify());

        Map<String, List<ConsumerRecord<String, String>>> published = published(held.getString("id"), 2);
        List<String> types = types(published.get(gone));
        assertEquals(List.of(EventTypes.ONDE_SCHOOL_REMOVED, EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED),
                types.subList(types.size() - 2, types.size()), types.toString());
        assertEquals(classes, types.stream().filter(EventTypes.ONDE_CLASS_REMOVED::equals).count(), types.toString());
        assertEquals(staff, types.stream().filter(EventTypes.ONDE_STAFF_REMOVED::equals).count(), types.toString());
        assertEquals(confirmed.getInt("schools.find { it.uai == '" + gone + "' }.removedPupils"),
                types.stream().filter(EventTypes.ONDE_PUPIL_LEFT::equals).count(), types.toString());
        assertTrue(types.contains(EventTypes.ONDE_PUPIL_LEFT), types.toString());
        assertEquals(List.of(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED), types(published.get(stays)));
        assertEquals(List.of(stays), queryAll("SELECT uai FROM onde_school ORDER BY uai"));
        assertEquals("0", query("SELECT count(*) FROM onde_published WHERE uai = '" + gone + "'"));
    }

    /**
     * A suite upgraded from the contract of one event per pupil keeps, in onde_published, class payloads without
     * pupils and one row per pupil and per responsable. Its next import republishes every class as a roster, finds who
     * left from those rows, and forgets them.
     */
    @Test
    void aStatePublishedBeforeRostersIsReadThenReplacedByRosters() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(24, 300);
        OndeExportGenerator generator = importedComplete(settings, "v1");
        update("INSERT INTO onde_published (uai, kind, school_year, entity_id, payload) SELECT uai, 'pupil.v1', "
                + "school_year, p ->> 'pupilId', p::text FROM onde_published, jsonb_array_elements(payload::jsonb -> "
                + "'pupils') p WHERE kind = 'class'");
        update("INSERT INTO onde_published (uai, kind, school_year, entity_id, payload) SELECT DISTINCT ON (uai, "
                + "r ->> 'responsableId') uai, 'responsable.v1', '-', r ->> 'responsableId', r::text FROM onde_published, "
                + "jsonb_array_elements(payload::jsonb -> 'pupils') p, jsonb_array_elements(p -> 'responsables') r "
                + "WHERE kind = 'class'");
        update("UPDATE onde_published SET payload = (payload::jsonb - 'pupils')::text WHERE kind = 'class'");
        update("DELETE FROM onde_published WHERE kind = 'responsable'");
        update("UPDATE onde_import SET archive_sha256 = NULL"); // as migration V11 does
        int classes = Integer.parseInt(query("SELECT count(*) FROM onde_published WHERE kind = 'class'"));
        String leaver = query("SELECT min(entity_id) FROM onde_published WHERE kind = 'pupil.v1'");

        Path folder = generator.complete(settings.schoolYear(), dir.resolve("v2")).folder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().contains("_Eleve_")).toList()) {
                Files.writeString(file, Files.readString(file).replaceAll("(?s)  <addRequest>(?:(?!</addRequest>).)*?"
                        + "<id>" + Pattern.quote(leaver) + "</id>.*?</addRequest>\n", ""));
            }
        }
        JsonPath status = awaitEnd(upload(Imports.zipFolder(dir, folder)));
        assertEquals("COMPLETED", status.getString("status"), status.prettify());
        List<ConsumerRecord<String, String>> events = published(status.getString("id"), status.getInt("schools.size()"))
                .values().stream().flatMap(List::stream).toList();
        assertEquals(classes, types(events).stream().filter(EventTypes.ONDE_CLASS_UPSERTED::equals).count(),
                "every class published again, as a roster");
        List<String> left = events.stream().filter(r -> EventTypes.ONDE_PUPIL_LEFT.equals(TestKafka.header(r, "ce_type")))
                .map(r -> r.value().replaceAll(".*\"pupilId\":\"([^\"]+)\".*", "$1")).toList();
        assertEquals(List.of(leaver), left, "the pupil no longer in the export, known from the rows before rosters");
        assertEquals(1, status.getInt("schools.removedPupils.sum()"));
        assertEquals("0", query("SELECT count(*) FROM onde_published WHERE kind IN ('pupil.v1', 'responsable.v1')"));
    }

    /**
     * A suite upgraded from rosters of class.upserted.v2 keeps rosters whose responsables carry their details, and no
     * responsable of its own. Its next import, even of the same file, publishes every responsable and every roster in
     * v3, and removes no one.
     */
    @Test
    void aStatePublishedWithRostersOfTheRetiredVersionIsReplacedWithoutLosingAnyone() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(25, 300);
        Path zip = Imports.zipFolder(dir, new OndeExportGenerator(settings).complete(settings.schoolYear(),
                dir.resolve("v2")).folder());
        assertEquals("COMPLETED", awaitEnd(upload(zip)).getString("status"));
        int responsables = Integer.parseInt(query("SELECT count(*) FROM onde_published WHERE kind = 'responsable'"));
        update("UPDATE onde_published SET payload = replace(payload, '\"parentalAuthority\"', "
                + "'\"kind\":\"PERSON\",\"lastName\":\"X\",\"parentalAuthority\"') WHERE kind = 'class'");
        update("DELETE FROM onde_published WHERE kind = 'responsable'");
        update("UPDATE onde_import SET archive_sha256 = NULL"); // as migration V11 does
        int classes = Integer.parseInt(query("SELECT count(*) FROM onde_published WHERE kind = 'class'"));

        JsonPath status = awaitEnd(upload(zip));
        assertEquals("COMPLETED", status.getString("status"), status.prettify());
        List<String> types = types(published(status.getString("id"), status.getInt("schools.size()")).values()
                .stream().flatMap(List::stream).toList());
        assertEquals(classes, types.stream().filter(EventTypes.ONDE_CLASS_UPSERTED::equals).count());
        assertTrue(types.stream().filter(EventTypes.ONDE_RESPONSABLES_UPSERTED::equals).count()
                <= status.getInt("schools.size()") * (1 + responsables / OndeResponsable.PER_EVENT),
                "responsables published a few hundred per event");
        assertFalse(types.contains(EventTypes.ONDE_RESPONSABLE_REMOVED) || types.contains(EventTypes.ONDE_PUPIL_LEFT),
                types.toString());
        assertEquals(String.valueOf(responsables), query("SELECT count(*) FROM onde_published WHERE kind = 'responsable'"));
        assertEquals("0", query("SELECT count(*) FROM onde_published WHERE kind = 'class' AND payload LIKE '%lastName\":\"X%'"));
    }

    private void update(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** The same export with every other pupil left out, as a truncated extraction might deliver it. */
    private Path withoutEveryOtherPupil(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().contains("_Eleve_")).toList()) {
                String xml = Files.readString(file);
                Matcher requests = Pattern.compile("(?s)  <addRequest>.*?</addRequest>\n").matcher(xml);
                StringBuilder kept = new StringBuilder();
                int n = 0;
                while (requests.find()) {
                    requests.appendReplacement(kept, n++ % 2 == 0 ? "" : Matcher.quoteReplacement(requests.group()));
                }
                requests.appendTail(kept);
                Files.writeString(file, kept.toString());
            }
        }
        return Imports.zipFolder(dir, folder);
    }

    /** A generated académie's complete export, imported; its generator, to make its next exports. */
    private OndeExportGenerator importedComplete(GeneratorSettings settings, String folder) throws IOException {
        OndeExportGenerator generator = new OndeExportGenerator(settings);
        Path zip = Imports.zipFolder(dir, generator.complete(settings.schoolYear(), dir.resolve(folder)).folder());
        assertEquals("COMPLETED", awaitEnd(upload(zip)).getString("status"));
        return generator;
    }

    /** The export of this folder without the school of this UAI (its pupils and staff still name it). */
    private Path withoutSchool(Path folder, String uai) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().contains("_EtabEducNat_")).toList()) {
                String xml = Files.readString(file);
                String kept = Pattern.compile("(?s)  <addRequest>(?:(?!</addRequest>).)*?\"ENTStructureUAI\"><value>"
                        + Pattern.quote(uai) + "</value>.*?</addRequest>\n").matcher(xml).replaceAll("");
                Files.writeString(file, kept);
            }
        }
        return Imports.zipFolder(dir, folder);
    }

    /** "uai|classId" → the pupil ids of the class's roster as last published. */
    private Map<String, Set<String>> publishedRosters() throws SQLException, IOException {
        Map<String, Set<String>> rosters = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT uai, entity_id, payload FROM onde_published "
                        + "WHERE kind = 'class'")) {
            while (rows.next()) {
                Set<String> ids = new HashSet<>();
                JSON.readTree(rows.getString(3)).get("pupils").forEach(p -> ids.add(p.get("pupilId").asText()));
                rosters.put(rows.getString(1) + "|" + rows.getString(2), ids);
            }
        }
        return rosters;
    }

    /** A responsable as a roster describes them, without their link to one pupil. */
    private long outboxRows() throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM outbox_event"));
    }

    private String publishedState() throws SQLException {
        return query("SELECT count(*) || ':' || coalesce(sum(hashtext(uai || kind || entity_id || payload)), 0) "
                + "FROM onde_published");
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static String read(Path folder, String type) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().contains(type)).sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static Set<String> ids(String xml, String request) {
        Set<String> ids = new HashSet<>();
        Matcher m = Pattern.compile("(?s)<" + request + ">.*?<id>([^<]+)</id>").matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
