package fr.ent.onde.imports;

import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import fr.ent.support.messaging.OutboxRelay;
import fr.ent.support.security.Roles;
import fr.ent.onde.generator.ExportUpload;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Prints how fast a generated académie goes from file to published events, and the heap it takes; asserts nothing
 * about time. Run with {@code ./ent bench} (the surefire JVM gets {@code -Xmx256m}). Size:
 * {@code -Dbench.pupils=250000}; the generated exports are kept in {@code target/bench-exports} for the next run.
 *
 * <p>Three imports in a row, as an académie sees them: the first complete export (everything is new), the same
 * export again (nothing changes: the daily case when ONDE had nothing new), then the next day's delta.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ImportBenchmark {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void fileToPublishedEvents() throws Exception {
        int pupils = Integer.getInteger("bench.pupils", 250_000);
        GeneratorSettings settings = GeneratorSettings.defaults(42, pupils);
        Path out = Path.of("target", "bench-exports", "seed42-" + pupils);
        OndeExportGenerator generator = new OndeExportGenerator(settings);
        Path complete = out.resolve(settings.schoolYear() + "-complet.zip");
        Path delta = out.resolve(settings.schoolYear() + "-delta.zip");
        if (!Files.exists(delta)) {
            long start = System.nanoTime();
            OndeExportGenerator.zip(generator.complete(settings.schoolYear(), out.resolve(settings.schoolYear() + "-complet")).folder());
            OndeExportGenerator.zip(generator.delta(out.resolve(settings.schoolYear() + "-delta")).folder());
            System.out.printf("[bench] generated %,d pupils in %.1f s%n", pupils, (System.nanoTime() - start) / 1e9);
        }
        Imports.forgetEverythingImported(dataSource);
        System.out.printf("[bench] max heap %d MiB, %d processors%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        run("first complete export", complete, pupils);
        run("same export again", complete, pupils);
        run("next day's delta", delta, pupils);
    }

    /**
     * The export uploaded as a stream (RestAssured would hold the file in memory to log it, in this JVM whose heap is
     * what is measured).
     */
    private String upload(Path zip) throws Exception {
        HttpRequest request = ExportUpload.postFile(URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/api/imports"),
                TestTokens.sign(TestUser.withRole(Roles.OPERATEUR)), "export", zip, "application/zip");
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(202, response.statusCode(), response.body());
        return JsonPath.from(response.body()).getString("id");
    }

    private void run(String label, Path zip, int pupils) throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong sampledPeak = new AtomicLong();
        AtomicLong liveAfterGc = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                sampledPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                liveAfterGc.accumulateAndGet(ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        String id = upload(zip);
        JsonPath status = Imports.awaitEnd(id, java.time.Duration.ofMinutes(30));
        double imported = (System.nanoTime() - start) / 1e9;
        // A figure of an import that did not complete measures nothing: the benchmark fails instead of printing it.
        org.junit.jupiter.api.Assertions.assertEquals("COMPLETED", status.getString("status"),
                label + " did not complete: " + status.getString("phase") + " " + status.getString("error"));
        while (relay.pendingCount() > 0) {
            Thread.sleep(50);
        }
        double published = (System.nanoTime() - start) / 1e9;
        sampling.set(false);
        sampler.join();
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("[bench] %s: %s in %.1f s (%s)%n", label, status.getString("status"), imported,
                status.getString("phase"));
        System.out.printf("[bench]   %,d events published (relayed to Kafka) %.1f s after the upload began: %,.0f pupils/s "
                + "from file to published events%n", status.getLong("progress.eventsPublished"), published,
                pupils / published);
        System.out.printf("[bench]   heap of %d MiB: peak in use %d MiB (garbage included; sum of the pools' peaks %d MiB), "
                + "largest left after a collection %d MiB%n", Runtime.getRuntime().maxMemory() >> 20,
                sampledPeak.get() >> 20, poolPeaks >> 20, liveAfterGc.get() >> 20);
    }
}
