package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.e2e.Stack.Service;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A generated ONDE export uploaded to the running onde-sync-service by a rectorate user, and checked whole. */
class OndeImportE2ETest {

    @Test
    void aGeneratedExportUploadedThroughTheApiIsCheckedWithItsRejections() throws Exception {
        Path dir = Files.createTempDirectory("e2e-onde-");
        GeneratorSettings settings = GeneratorSettings.defaults(2026, 1500);
        OndeExportGenerator.Export export = new OndeExportGenerator(settings)
                .complete(settings.schoolYear(), dir.resolve("complet"));
        String rectorat = Stack.userToken("rectorat.demo");

        HttpResponse<String> accepted = Stack.postFile(Service.ONDE_SYNC.url("/api/imports"), rectorat, "export",
                OndeExportGenerator.zip(export.folder()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Stack.json(accepted).get("id").asText();

        JsonNode status = Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/imports/" + id), Optional.of(rectorat)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!status.get("status").asText().matches("CHECKED|REFUSED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/imports/" + id), Optional.of(rectorat)));
        }
        assertEquals("CHECKED", status.get("status").asText(), status.toString());
        assertEquals(export.schools(), status.get("schools").size());
        int rejected = 0;
        for (JsonNode school : status.get("schools")) {
            rejected += school.get("rejected").asInt();
        }
        assertTrue(rejected > 0, status.toString());
        System.out.printf("import %s of %,d pupils checked in %d s: %d rejected%n", id, export.pupils(),
                status.get("progress").get("elapsedSeconds").asLong(), rejected);
    }
}
