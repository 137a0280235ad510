package fr.ent.onde.imports;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SEQ-4: an export dropped in the watched folder is imported without anybody uploading it. */
@QuarkusTest
@TestProfile(DropFolderTest.WatchedFolder.class)
@WithTestResource(RealServersResource.class)
class DropFolderTest {

    static final Path FOLDER;

    static {
        try {
            FOLDER = Files.createTempDirectory("onde-drop-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class WatchedFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ent.onde.drop-folder", FOLDER.toString(), "ent.onde.drop-folder-scan", "0.2s");
        }
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void aZipDroppedInTheFolderIsImportedOnItsOwn() throws IOException, java.sql.SQLException {
        Imports.forgetEverythingImported(dataSource);
        Path work = Files.createTempDirectory("onde-export-");
        GeneratorSettings settings = GeneratorSettings.defaults(3, 300);
        Path zip = OndeExportGenerator.zip(new OndeExportGenerator(settings)
                .complete(settings.schoolYear(), work.resolve("ENT_17_Complet_20180903")).folder());
        Files.move(zip, FOLDER.resolve("ENT_17_Complet_20180903.zip"));

        String operator = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Map<String, Object>> imports = given().auth().oauth2(operator).get("/api/imports")
                    .then().statusCode(200).extract().path("findAll { it.source == 'ENT_17_Complet_20180903.zip' }");
            return imports.size() == 1 && "COMPLETED".equals(imports.get(0).get("status"));
        });
        assertFalse(Files.exists(FOLDER.resolve("ENT_17_Complet_20180903.zip")), "taken from the folder");
    }
}
