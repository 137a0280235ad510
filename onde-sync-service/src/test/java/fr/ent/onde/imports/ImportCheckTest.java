package fr.ent.onde.imports;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import static fr.ent.onde.imports.Imports.awaitEnd;
import static fr.ent.onde.imports.Imports.upload;
import org.junit.jupiter.api.io.TempDir;

/** Uploading ONDE exports and checking them whole, against the real database. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ImportCheckTest {

    private static final String SCHOOL = Imports.schoolFile("17");

    private static final String PUPIL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ficAlimMENESR>
              <addRequest>
                <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
                <identifier><id>ELV-1</id></identifier>
                <attributes>
                  <attr name="ENTPersonJointure"><value>ELV-1</value></attr>
                  <attr name="ENTPersonNom"><value>Martin</value></attr>
                  <attr name="ENTPersonPrenom"><value>Léa</value></attr>
                  <attr name="ENTPersonStructRattach"><value>ETAB-0750654D</value></attr>
                </attributes>
              </addRequest>
            </ficAlimMENESR>
            """;

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource dataSource;

    private long outboxBefore;

    @BeforeEach
    void nothingImportedYet() throws SQLException {
        Imports.forgetEverythingImported(dataSource);
        outboxBefore = Imports.outboxRows(dataSource);
    }

    /** ONDE-5: a refused export publishes nothing and leaves no state behind. */
    private void assertNothingPublished() throws SQLException {
        assertEquals(outboxBefore, Imports.outboxRows(dataSource), "no event recorded in the outbox");
        assertEquals(0, Imports.importedEntities(dataSource), "no entity kept as imported");
    }

    @Test
    void aGeneratedExportIsCheckedWholeWithItsCountsPerSchoolAndItsRejections() throws IOException {
        OndeExportGenerator.Export export = new OndeExportGenerator(GeneratorSettings.defaults(11, 900))
                .complete(GeneratorSettings.defaults(11, 900).schoolYear(), dir.resolve("export"));
        String id = upload(zipFolder(export.folder()));

        JsonPath status = awaitEnd(id);
        assertEquals("COMPLETED", status.getString("status"), status.prettify());
        assertEquals(export.schools(), status.getList("schools").size());
        assertEquals(export.pupils(), (long) status.getInt("schools.pupils.sum()") + status.getInt("schools.rejected.sum()"));
        assertEquals(100.0, status.getDouble("progress.percent"));
        assertEquals(4, status.getInt("progress.filesTotal"));
        assertTrue(status.getInt("schools.rejected.sum()") > 0, "about 5 % of generated pupils fail a rule");

        String uai = status.getString("schools.find { it.rejected > 0 }.uai");
        int rejected = status.getInt("schools.find { it.rejected > 0 }.rejected");
        String directeur = TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, uai));
        given().auth().oauth2(directeur).accept("application/json").get("/api/schools/" + uai + "/rejections")
                .then().statusCode(200).body("$", hasSize(rejected)).body("[0].reasons.size()", org.hamcrest.Matchers.greaterThan(0));
        String csv = given().auth().oauth2(directeur).accept("text/csv").get("/api/schools/" + uai + "/rejections")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("pupil_id;last_name;first_name;class;reasons\n"), csv);
        assertEquals(rejected + 1, csv.lines().count());
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, "0750654D")))
                .accept("application/json").get("/api/schools/" + uai + "/rejections").then().statusCode(403);
    }

    @Test
    void anExportOfAYearNotSwitchedYetIsHeldUntilTheRectorateConfirmsOrDiscardsIt() throws IOException {
        GeneratorSettings settings = GeneratorSettings.defaults(12, 300);
        Path zip = zipFolder(new OndeExportGenerator(settings).complete(settings.schoolYear().next(),
                dir.resolve("next-year")).folder());
        String rectorat = TestTokens.sign(TestUser.withRole(Roles.RECTORAT));

        JsonPath held = awaitEnd(upload(zip));
        assertEquals("HELD", held.getString("status"));
        assertTrue(held.getString("phase").contains("belong to a school year after 2018-2019"), held.getString("phase"));
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)))
                .post("/api/imports/" + held.getString("id") + "/confirm").then().statusCode(403);
        given().auth().oauth2(rectorat).post("/api/imports/" + held.getString("id") + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED"));

        String again = awaitEnd(upload(zip)).getString("id");
        given().auth().oauth2(rectorat).post("/api/imports/" + again + "/confirm")
                .then().statusCode(200).body("status", equalTo("RECEIVED"))
                .body("phase", containsString("confirmed by rectorat.test"));
        JsonPath confirmed = awaitEnd(again);
        assertEquals("COMPLETED", confirmed.getString("status"), confirmed.prettify());
        assertTrue(confirmed.getInt("schools.pupils.sum()") * 20 < confirmed.getInt("schools.rejected.sum()"),
                "confirmed while the académie is still in 2018-2019, its pupils are rejected by rule 4 (all but the "
                        + "few generated with the year before): " + confirmed.prettify());
        given().auth().oauth2(rectorat).post("/api/imports/" + again + "/confirm").then().statusCode(409);
    }

    @Test
    void aTruncatedFileRefusesTheWholeExportWithFileAndLine() throws IOException, SQLException {
        String truncated = PUPIL.substring(0, PUPIL.indexOf("</attributes>"));
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", SCHOOL,
                "ENT_17_Complet_20180903_Eleve_0000.xml", truncated))));
        assertEquals("REFUSED", status.getString("status"));
        assertNothingPublished();
        assertTrue(status.getString("error").startsWith("ENT_17_Complet_20180903_Eleve_0000.xml line "),
                status.getString("error"));
        assertEquals(List.of(), status.getList("schools"), "a refused export leaves nothing behind");
    }

    @Test
    void anUnknownSchoolReferenceIsRefused() throws IOException, SQLException {
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", SCHOOL,
                "ENT_17_Complet_20180903_Eleve_0000.xml", PUPIL.replace("<value>ETAB-0750654D</value></attr>\n",
                        "<value>ETAB-9999999X</value></attr>\n")))));
        assertEquals("REFUSED", status.getString("status"));
        assertNothingPublished();
        assertEquals("ENT_17_Complet_20180903_Eleve_0000.xml line 3, attribute ENTPersonStructRattach: "
                + "unknown school reference 'ETAB-9999999X'", status.getString("error"));
    }

    @Test
    void aMissingMandatoryAttributeIsRefused() throws IOException, SQLException {
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", SCHOOL,
                "ENT_17_Complet_20180903_Eleve_0000.xml",
                PUPIL.replace("<attr name=\"ENTPersonNom\"><value>Martin</value></attr>", "")))));
        assertEquals("REFUSED", status.getString("status"));
        assertNothingPublished();
        assertTrue(status.getString("error").endsWith("attribute ENTPersonNom: mandatory attribute missing for ELV-1"),
                status.getString("error"));
    }

    @Test
    void anExportTryingAnExternalEntityIsRefused() throws IOException, SQLException {
        String xxe = SCHOOL.replace("<ficAlimMENESR>", "<!DOCTYPE ficAlimMENESR [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ficAlimMENESR>")
                .replace("Jules Ferry", "&x;");
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", xxe))));
        assertEquals("REFUSED", status.getString("status"));
        assertNothingPublished();
        assertTrue(status.getString("error").contains("DOCTYPE is not accepted"), status.getString("error"));
    }

    @Test
    void anEntityBombIsRefusedAfterTheWholeExportWasRead() throws IOException, SQLException {
        StringBuilder entities = new StringBuilder("<!DOCTYPE ficAlimMENESR [<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = PUPIL.replace("<ficAlimMENESR>", entities + "]>\n<ficAlimMENESR>").replace("Martin", "&a9;");
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", SCHOOL,
                "ENT_17_Complet_20180903_Eleve_0000.xml", bomb))));
        assertEquals("REFUSED", status.getString("status"));
        assertTrue(status.getString("error").startsWith("ENT_17_Complet_20180903_Eleve_0000.xml"), status.getString("error"));
        assertNothingPublished();
    }

    @Test
    void malformedXmlIsRefusedWithFileAndLine() throws IOException, SQLException {
        String malformed = PUPIL.replace("<value>Léa</value></attr>", "<value>Léa</attr>");
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", SCHOOL,
                "ENT_17_Complet_20180903_Eleve_0000.xml", malformed))));
        assertEquals("REFUSED", status.getString("status"));
        assertTrue(status.getString("error").startsWith("ENT_17_Complet_20180903_Eleve_0000.xml line 9"),
                status.getString("error"));
        assertNothingPublished();
    }

    /**
     * An entity named in two parts of an export is as the later part in reading order says. (A school of its own: this
     * import is published, and SchoolPublishingTest reads the events of the usual one.)
     */
    @Test
    void anEntityNamedInTwoPartsIsAsTheLaterPartSays() throws IOException, SQLException {
        String school = SCHOOL.replace("0750654D", "0751111A");
        String pupil = PUPIL.replace("ETAB-0750654D", "ETAB-0751111A");
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", school,
                "ENT_17_Complet_20180903_Eleve_0000.xml", pupil,
                "ENT_17_Complet_20180903_Eleve_0001.xml", pupil.replace("Martin", "Durand")))));
        assertEquals("COMPLETED", status.getString("status"), status.getString("error"));
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery("SELECT attrs -> 'ENTPersonNom' "
                        + "->> 0 FROM onde_entity WHERE type = 'Eleve' AND id = 'ELV-1'")) {
            assertTrue(row.next(), "the pupil is in the imported state");
            assertEquals("Durand", row.getString(1));
        }
    }

    @Test
    void aMissingPartIsRefused() throws IOException, SQLException {
        JsonPath status = awaitEnd(upload(zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", SCHOOL,
                "ENT_17_Complet_20180903_Eleve_0000.xml", PUPIL, "ENT_17_Complet_20180903_Eleve_0002.xml", PUPIL))));
        assertEquals("REFUSED", status.getString("status"));
        assertNothingPublished();
        assertTrue(status.getString("error").contains("part 0001 of the Eleve files is missing"), status.getString("error"));
    }

    @Test
    void onlyZipsFromTheRectorateOrOperatorsAreAccepted() throws IOException {
        Path notZip = Files.writeString(dir.resolve("export.xml"), SCHOOL);
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.RECTORAT))).multiPart("export", notZip.toFile())
                .post("/api/imports").then().statusCode(400).body("detail", containsString("is not a zip archive"))
                .body("field", org.hamcrest.Matchers.equalTo("export"));
        Path zip = zip(Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml", SCHOOL));
        given().multiPart("export", zip.toFile()).post("/api/imports").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, "0750654D")))
                .multiPart("export", zip.toFile()).post("/api/imports").then().statusCode(403);
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf("01"))).multiPart("export", zip.toFile())
                .post("/api/imports").then().statusCode(403).body("detail", containsString("académie 17"));
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf("01"))).get("/api/imports").then().statusCode(403);
    }

    private Path zip(Map<String, String> files) throws IOException {
        return Imports.zip(dir, files);
    }

    private Path zipFolder(Path folder) throws IOException {
        return Imports.zipFolder(dir, folder);
    }
}
