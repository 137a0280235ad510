package fr.ent.onde.imports;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Uploading exports, waiting for their end and reading what they published, for the import tests. */
final class Imports {

    static final List<String> ENDS = List.of("COMPLETED", "REFUSED", "HELD", "DISCARDED", "FAILED");

    private Imports() {
    }

    /** A school file of one school, 0750654D, of the académie given (line 9 holds its name, line 10 its académie). */
    static String schoolFile(String academyCode) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ficAlimMENESR>
                  <addRequest>
                    <operationalAttributes><attr name="categorieStructure"><value>Ecole</value></attr></operationalAttributes>
                    <identifier><id>ETAB-0750654D</id></identifier>
                    <attributes>
                      <attr name="ENTStructureJointure"><value>ETAB-0750654D</value></attr>
                      <attr name="ENTStructureUAI"><value>0750654D</value></attr>
                      <attr name="ENTStructureNomCourant"><value>ECOLE ELEMENTAIRE Jules Ferry</value></attr>
                      <attr name="ENTServAcCodeAcademie"><value>%s</value></attr>
                    </attributes>
                  </addRequest>
                </ficAlimMENESR>
                """.formatted(academyCode);
    }

    /** Every test of an import starts from an académie nothing was imported for. */
    static void forgetEverythingImported(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE onde_entity, onde_next, onde_stage, onde_change, onde_published");
            statement.execute("DELETE FROM onde_school WHERE join_key IS NOT NULL");
            statement.execute("UPDATE onde_import SET archive_sha256 = NULL"); // nothing imported to repeat
        }
    }

    static long outboxRows(AgroalDataSource dataSource) throws SQLException {
        return count(dataSource, "SELECT count(*) FROM outbox_event");
    }

    /** Entities kept as imported, being imported or staged. */
    static long importedEntities(AgroalDataSource dataSource) throws SQLException {
        return count(dataSource, "SELECT (SELECT count(*) FROM onde_entity) + (SELECT count(*) FROM onde_next) "
                + "+ (SELECT count(*) FROM onde_stage) + (SELECT count(*) FROM onde_published)");
    }

    private static long count(AgroalDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    static String upload(Path zip) {
        return given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.RECTORAT)))
                .multiPart("export", zip.toFile(), "application/zip").post("/api/imports")
                .then().statusCode(202).header("Location", containsString("/api/imports/"))
                .body("status", equalTo("RECEIVED")).extract().path("id");
    }

    static JsonPath awaitEnd(String id) {
        return awaitEnd(id, Duration.ofSeconds(120));
    }

    static JsonPath awaitEnd(String id, Duration atMost) {
        String operator = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> ENDS.contains(
                given().auth().oauth2(operator).get("/api/imports/" + id + "?schools=false").then().extract()
                        .<String>path("status")));
        return given().auth().oauth2(operator).get("/api/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    static Path zip(Path dir, Map<String, String> files) throws IOException {
        Path zip = Files.createTempFile(dir, "export", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
                entries.putNextEntry(new ZipEntry(file.getKey()));
                entries.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                entries.closeEntry();
            }
        }
        return zip;
    }

    static Path zipFolder(Path dir, Path folder) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return zip(dir, files);
    }

    /**
     * What an import published, per school in topic order: for each of its {@code schools} markers, the records of
     * that school after the school's previous marker, this import's marker last.
     */
    static Map<String, List<ConsumerRecord<String, String>>> published(String importId, int schools) {
        List<ConsumerRecord<String, String>> records = TestKafka.read(TestKafka.topic(Topics.ONDE_CHANGES),
                read -> markers(read, importId) >= schools, Duration.ofSeconds(60));
        Map<String, List<ConsumerRecord<String, String>>> bySchool = new LinkedHashMap<>();
        Map<String, List<ConsumerRecord<String, String>>> since = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            List<ConsumerRecord<String, String>> current = since.computeIfAbsent(record.key(), k -> new ArrayList<>());
            current.add(record);
            if (EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED.equals(TestKafka.header(record, "ce_type"))) {
                if (record.value().contains(importId)) {
                    bySchool.put(record.key(), List.copyOf(current));
                }
                current.clear();
            }
        }
        return bySchool;
    }

    private static long markers(List<ConsumerRecord<String, String>> records, String importId) {
        return records.stream().filter(r -> EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED.equals(TestKafka.header(r, "ce_type"))
                && r.value().contains(importId)).count();
    }

    static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> TestKafka.header(r, "ce_type")).toList();
    }
}
