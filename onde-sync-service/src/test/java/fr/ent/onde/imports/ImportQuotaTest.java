package fr.ent.onde.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept exports have a quota: an upload past it is refused with 507 and nothing is kept. */
@QuarkusTest
@TestProfile(ImportQuotaTest.SmallQuota.class)
@WithTestResource(RealServersResource.class)
class ImportQuotaTest {

    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ent.onde.max-kept-bytes", "3000");
        }
    }

    @TempDir
    Path dir;

    @Test
    void anUploadPastTheQuotaIsRefusedAndNotKept() throws Exception {
        byte[] noise = new byte[20_000]; // incompressible: the zip stays larger than the quota
        new java.util.Random(7).nextBytes(noise);
        Path zip = Imports.zip(dir, Map.of("ENT_17_Complet_20180903_EtabEducNat_0000.xml",
                java.util.Base64.getEncoder().encodeToString(noise)));
        long rows = OndeImport.count();
        given().auth().oauth2(TestTokens.sign(TestUser.withRole(Roles.RECTORAT)))
                .multiPart("export", zip.toFile(), "application/zip").post("/api/imports").then().statusCode(507)
                .contentType("application/problem+json").body("field", equalTo("export"))
                .body("detail", containsString("quota of 3000 bytes"));
        assertEquals(rows, OndeImport.count(), "no import recorded");
    }
}
