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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A generated ONDE export uploaded to the running onde-sync-service by a rectorate user, checked whole, published
 * school by school, and seen by class-service.
 */
class OndeImportE2ETest {

    @Test
    void aGeneratedExportUploadedThroughTheApiIsPublishedAndReachesClassService() throws Exception {
        Path dir = Files.createTempDirectory("e2e-onde-");
        GeneratorSettings settings = GeneratorSettings.defaults(2026, 1500);
        OndeExportGenerator.Export export = new OndeExportGenerator(settings)
                .complete(settings.schoolYear(), dir.resolve("complet"));
        String rectorat = Stack.userToken("rectorat.demo");

        HttpResponse<String> accepted = Stack.postFile(Service.ONDE_SYNC.url("/api/imports"), rectorat, "export",
                OndeExportGenerator.zip(export.folder()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Stack.json(accepted).get("id").asText();
        JsonNode status = confirmIfHeld(id, rectorat);
        assertEquals("COMPLETED", status.get("status").asText(), status.toString());
        assertEquals(export.schools(), status.get("schools").size());
        int rejected = 0;
        int pupils = 0;
        for (JsonNode school : status.get("schools")) {
            rejected += school.get("rejected").asInt();
            pupils += school.get("pupils").asInt();
        }
        assertTrue(rejected > 0, status.toString());
        assertEquals(export.pupils(), pupils + rejected);
        assertTrue(status.get("progress").get("eventsPublished").asLong() >= export.schools(), status.toString());
        System.out.printf("import %s of %,d pupils published in %d s: %d rejected, %d events%n", id, export.pupils(),
                status.get("progress").get("elapsedSeconds").asLong(), rejected,
                status.get("progress").get("eventsPublished").asLong());

        String uai = status.get("schools").get(0).get("uai").asText();
        HttpResponse<String> seen = Stack.get(Service.CLASS.url("/api/schools/" + uai), Optional.of(rectorat));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            seen = Stack.get(Service.CLASS.url("/api/schools/" + uai), Optional.of(rectorat));
        }
        assertEquals(200, seen.statusCode(), "class-service applied the import's school.upserted: " + seen.body());
        assertTrue(Stack.json(seen).get("name").asText().startsWith("ECOLE PRIMAIRE PUBLIQUE"), seen.body());
    }

    /** Uploads an export as the rectorate and waits for its end (confirming it when a brake holds it). */
    static JsonNode importWhole(Path zip, String rectorat) throws InterruptedException {
        HttpResponse<String> accepted = Stack.postFile(Service.ONDE_SYNC.url("/api/imports"), rectorat, "export", zip);
        assertEquals(202, accepted.statusCode(), accepted.body());
        return confirmIfHeld(Stack.json(accepted).get("id").asText(), rectorat);
    }

    /**
     * Waits for the import's end. Only one hold is expected: on a stack that completed another export before, this
     * complete export removes that export's pupils and the removal brake holds it — then, and only then, the
     * rectorate user confirms it. A hold on a fresh stack, or for another reason, fails the test.
     */
    private static JsonNode confirmIfHeld(String id, String rectorat) throws InterruptedException {
        boolean usedStack = StreamSupport.stream(Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/imports?limit=500"),
                Optional.of(rectorat))).spliterator(), false).anyMatch(i -> !i.get("id").asText().equals(id)
                        && i.get("status").asText().equals("COMPLETED"));
        JsonNode status = awaitEnd(id, rectorat);
        if (status.get("status").asText().equals("HELD")) {
            assertTrue(usedStack, "held on a stack that never completed an import: " + status);
            assertTrue(status.get("phase").asText().contains("would remove more than"),
                    "held for another reason than the removal of an earlier export's pupils: " + status);
            System.out.println("held as expected on a used stack, confirming: " + status.get("phase").asText());
            HttpResponse<String> confirmed = Stack.postJson(Service.ONDE_SYNC.url("/api/imports/" + id + "/confirm"),
                    rectorat, "");
            assertEquals(200, confirmed.statusCode(), confirmed.body());
            status = awaitEnd(id, rectorat);
        }
        return status;
    }

    private static JsonNode awaitEnd(String id, String token) throws InterruptedException {
        JsonNode status = Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/imports/" + id + "?schools=false"),
                Optional.of(token)));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!status.get("status").asText().matches("COMPLETED|REFUSED|HELD|FAILED|DISCARDED")
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/imports/" + id + "?schools=false"),
                    Optional.of(token)));
        }
        assertTrue(status.get("schools").isNull(), "progress is followed without the schools: " + status);
        return Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/imports/" + id), Optional.of(token)));
    }
}
