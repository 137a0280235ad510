package fr.ent.onde.imports;

import static fr.ent.onde.imports.Imports.awaitEnd;
import static fr.ent.onde.imports.Imports.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports that must end and never stick: another académie's export, a gigantic value in a small zip, an import
 * interrupted again and again, discarding from any state that has not ended, and the retention of kept exports.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ImportRobustnessTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ImportService imports;

    @Inject
    OndeConfig config;

    private long outboxBefore;

    @BeforeEach
    void nothingImportedYet() throws SQLException {
        Imports.forgetEverythingImported(dataSource);
        outboxBefore = Imports.outboxRows(dataSource);
    }

    @Test
    void anExportOfAnotherAcademieIsRefusedWholeAndPublishesNothing() throws Exception {
        String id = upload(Imports.zip(dir, Map.of("ENT_01_Complet_20180903_EtabEducNat_0000.xml",
                Imports.schoolFile("01"))));
        JsonPath status = awaitEnd(id);
        assertEquals("REFUSED", status.getString("status"));
        assertTrue(status.getString("error").contains("belongs to académie 01, and this service imports for académie 17"),
                status.getString("error"));
        assertEquals(outboxBefore, Imports.outboxRows(dataSource));
        assertEquals(0, Imports.importedEntities(dataSource));
    }

    @Test
    void aGiganticValueInASmallZipIsRefusedWithItsLineNotCarriedInMemory() throws Exception {
        Path zip = dir.resolve("bomb.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("ENT_17_Complet_20180903_EtabEducNat_0000.xml"));
            String xml = Imports.schoolFile("17");
            int value = xml.indexOf("<value>ECOLE") + "<value>".length();
            out.write(xml.substring(0, value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] more = "A".repeat(1 << 20).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < 200; i++) { // a school name of 200 MB, compressed to a few hundred KB
                out.write(more);
            }
            out.write(xml.substring(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertTrue(Files.size(zip) < 2_000_000, "a small zip: " + Files.size(zip));
        JsonPath status = awaitEnd(upload(zip));
        assertEquals("REFUSED", status.getString("status"));
        assertTrue(status.getString("error").endsWith("line 9: a text longer than 20480 bytes"),
                status.getString("error"));
        assertEquals(outboxBefore, Imports.outboxRows(dataSource));
    }

    @Test
    void aGroupThatCannotBePublishedFailsTheImportWithNothingPublishedAndTheNextUploadPublishesIt() throws Exception {
        fr.ent.onde.generator.GeneratorSettings settings = fr.ent.onde.generator.GeneratorSettings.defaults(23, 300);
        Path zip = Imports.zipFolder(dir, new fr.ent.onde.generator.OndeExportGenerator(settings)
                .complete(settings.schoolYear(), dir.resolve("complete")).folder());
        // The publishing transaction fails on its first write of what is published (a full disk, a constraint...)
        execute("CREATE OR REPLACE FUNCTION test_refuse_published() RETURNS trigger AS $$ BEGIN "
                + "RAISE EXCEPTION 'test: no room left'; END $$ LANGUAGE plpgsql");
        execute("CREATE TRIGGER test_refuse_published BEFORE INSERT ON onde_published FOR EACH ROW "
                + "EXECUTE FUNCTION test_refuse_published()");
        JsonPath failed;
        try {
            failed = awaitEnd(upload(zip));
        } finally {
            execute("DROP TRIGGER test_refuse_published ON onde_published");
            execute("DROP FUNCTION test_refuse_published()");
        }
        assertEquals("FAILED", failed.getString("status"), failed.prettify());
        assertTrue(failed.getString("error").contains("no room left"), failed.getString("error"));
        assertEquals(outboxBefore, Imports.outboxRows(dataSource), "nothing of the group went out");
        assertEquals(0, failed.getInt("progress.schoolsPublished"));

        JsonPath again = awaitEnd(upload(zip));
        assertEquals("COMPLETED", again.getString("status"), again.prettify());
        assertEquals(again.getList("schools").size(), again.getInt("progress.schoolsPublished"));
        assertTrue(Imports.outboxRows(dataSource) > outboxBefore);
    }

    private void execute(String sql) throws SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void anImportInterruptedAgainAndAgainIsNotRunForEver() {
        UUID id = interrupted(config.maxAttempts());
        imports.resumeInterrupted(null);
        OndeImport failed = QuarkusTransaction.requiringNew().call(() -> OndeImport.<OndeImport>findById(id));
        assertEquals(OndeImport.Status.FAILED, failed.status);
        assertTrue(failed.error.contains("interrupted " + config.maxAttempts() + " times"), failed.error);
        assertNotNull(failed.finishedAt);
    }

    @Test
    void anImportThatHasNotEndedCanBeDiscardedAndOneThatEndedCannot() {
        UUID stuck = interrupted(1); // CHECKING, but no worker runs it: what an import killed by an Error looked like
        String rectorat = TestTokens.sign(TestUser.withRole(Roles.RECTORAT));
        given().auth().oauth2(rectorat).post("/api/imports/" + stuck + "/discard").then().statusCode(200)
                .body("status", equalTo("DISCARDED"));
        given().auth().oauth2(rectorat).post("/api/imports/" + stuck + "/discard").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("has ended"));
        given().auth().oauth2(rectorat).post("/api/imports/" + stuck + "/confirm").then().statusCode(409)
                .body("detail", containsString("only a HELD import"));
        given().auth().oauth2(rectorat).post("/api/imports/" + UUID.randomUUID() + "/discard").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theExportsOfEndedImportsAreDeletedAfterTheirRetention() throws IOException {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Path keptDir = Files.createDirectories(Path.of(config.importDir()));
        Files.writeString(keptDir.resolve(old + ".zip"), "old");
        Files.writeString(keptDir.resolve(recent + ".zip"), "recent");
        QuarkusTransaction.requiringNew().run(() -> {
            persist(old, OndeImport.Status.REFUSED, Instant.now().minus(config.exportRetention()).minus(Duration.ofDays(1)));
            persist(recent, OndeImport.Status.COMPLETED, Instant.now().minus(Duration.ofDays(1)));
        });
        imports.deleteExpiredExports();
        assertFalse(Files.exists(keptDir.resolve(old + ".zip")), "past its retention");
        assertTrue(Files.exists(keptDir.resolve(recent + ".zip")), "within its retention");
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> OndeImport.<OndeImport>findById(old)).archiveDeletedAt);
    }

    private static UUID interrupted(int attempts) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            OndeImport i = persist(id, OndeImport.Status.CHECKING, null);
            i.attempts = attempts;
            i.phase = "reading ENT_17_Complet_20180903_Eleve_0000.xml";
        });
        return id;
    }

    private static OndeImport persist(UUID id, OndeImport.Status status, Instant finishedAt) {
        OndeImport i = new OndeImport();
        i.id = id;
        i.receivedAt = Instant.now();
        i.source = "test.zip";
        i.requestedBy = "test";
        i.status = status;
        i.phase = status.name().toLowerCase();
        i.finishedAt = finishedAt;
        i.persist();
        return i;
    }
}
