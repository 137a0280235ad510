package fr.ent.onde.imports;

import static fr.ent.onde.imports.Imports.awaitEnd;
import static fr.ent.onde.imports.Imports.published;
import static fr.ent.onde.imports.Imports.types;
import static fr.ent.onde.imports.Imports.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.EventTypes;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same export again is recognised by its bytes and finished without being read — unless something it would be
 * compared with changed since, such as an operator's correction of a school, which the export then undoes.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SameExportTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void nothingImportedYet() throws Exception {
        Imports.forgetEverythingImported(dataSource);
    }

    @Test
    void theSameFileAgainPublishesOnlyTheMarkersButNotAfterACorrection() throws Exception {
        GeneratorSettings settings = GeneratorSettings.defaults(33, 400);
        OndeExportGenerator.Export export = new OndeExportGenerator(settings).complete(settings.schoolYear(),
                dir.resolve("export"));
        Path zip = Imports.zipFolder(dir, export.folder());
        JsonPath first = awaitEnd(upload(zip));
        assertEquals("COMPLETED", first.getString("status"), first.prettify());

        String uai = first.getString("schools[0].uai");
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.OPERATEUR))).contentType(ContentType.JSON)
                .body("{\"name\":\"Nom corrigé à la main\",\"academyCode\":\"17\"}").put("/api/schools/" + uai)
                .then().statusCode(200);
        JsonPath afterCorrection = awaitEnd(upload(zip));
        assertEquals("COMPLETED", afterCorrection.getString("status"));
        assertFalse(afterCorrection.getString("phase").contains("the same file"), "read again after a correction: "
                + afterCorrection.getString("phase"));
        List<ConsumerRecord<String, String>> corrected = published(afterCorrection.getString("id"), export.schools())
                .get(uai);
        // the operator's correction, then ONDE's name published again over it by the import, then its marker
        assertEquals(List.of(EventTypes.ONDE_SCHOOL_UPSERTED, EventTypes.ONDE_SCHOOL_UPSERTED,
                EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED), types(corrected));
        assertTrue(corrected.get(0).value().contains("Nom corrigé"), corrected.get(0).value());
        assertFalse(corrected.get(1).value().contains("Nom corrigé"), corrected.get(1).value());

        JsonPath repeated = awaitEnd(upload(zip));
        assertEquals("COMPLETED", repeated.getString("status"));
        assertTrue(repeated.getString("phase").contains("the same file as import " + afterCorrection.getString("id")),
                repeated.getString("phase"));
        assertEquals(export.schools(), repeated.getList("schools").size());
        assertEquals(afterCorrection.getInt("schools.pupils.sum()"), repeated.getInt("schools.pupils.sum()"));
        published(repeated.getString("id"), export.schools()).forEach((school, records) -> {
            assertEquals(List.of(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED), types(records), "only the marker: " + school);
            assertEquals(Set.of(), EventSchemas.violations(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED,
                    records.get(0).value()));
            assertTrue(records.get(0).value().contains("\"changes\" : 0") || records.get(0).value().contains("\"changes\":0"),
                    records.get(0).value());
        });
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.DIRECTEUR, uai))).accept(ContentType.JSON)
                .get("/api/schools/" + uai + "/rejections").then().statusCode(200);
    }
}
