package fr.ent.content.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.content.media.Blobs;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Prints the time and the service's peak heap to write a blog's PDF (CNT-4) of {@code bench.articles} (2,000)
 * articles, each with a paragraph-long text and its own photo (a JPEG of 640 × 480 from the space's media library),
 * streamed to the client. Run in 256 MiB of heap by {@code ./ent bench}; asserts only that the PDF is whole (no time).
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class BlogPdfBenchmark {

    private static final String UAI = "0570001S"; // 570001 % 23 = 15 → S

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Blobs blobs;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void blogPdfOfTwoThousandArticlesWithImages() throws Exception {
        int articles = Integer.getInteger("bench.articles", 2_000);
        long filling = System.nanoTime();
        UUID space = UUID.randomUUID();
        long imageBytes = fill(space, articles);
        System.out.printf("[bench] blog of %,d articles, each with its own photo (%,d MB of JPEG), made in %.1f s%n",
                articles, imageBytes / 1_000_000, (System.nanoTime() - filling) / 1e9);
        String reader = TestTokens.sign(new TestUser("bench", "ELV-BENCH", Set.of(Roles.ELEVE), List.of(UAI)));
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long size;
        byte[] head = new byte[5];
        // Read as a browser would, as it comes (REST Assured would hold the whole answer in this same heap).
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:"
                + port + "/api/spaces/" + space + "/blog/pdf").toURL().openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + reader);
        assertEquals(200, connection.getResponseCode());
        try (InputStream pdf = connection.getInputStream()) {
            assertEquals(5, pdf.readNBytes(head, 0, 5));
            size = 5 + pdf.transferTo(OutputStream.nullOutputStream());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        // What survived collections: the old generation's peak (the young one fills up to its size whatever is kept).
        long old = heap.stream().filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long max = Runtime.getRuntime().maxMemory();
        assertEquals("%PDF-", new String(head, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(size > imageBytes, "every photo is in the PDF");
        System.out.printf("[bench] blog PDF of %,d articles with images: %.2f s, %,d MB, in a heap of %d MiB: peak %d MiB "
                + "(sum of the pools' peaks), old generation's peak %d MiB (%d MiB before the request, after a "
                + "collection)%n", articles, seconds, size / 1_000_000, max >> 20, peak >> 20, old >> 20, before >> 20);
    }

    /** The space, its articles and their photos (each stored as a blob and a media file); returns the photos' bytes. */
    private long fill(UUID space, int articles) throws Exception {
        Random random = new Random(42);
        Path dir = Files.createTempDirectory("blog-bench");
        long total = 0;
        List<String[]> photos = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            for (int k = 0; k < 40; k++) {
                g.setColor(new Color(random.nextInt(0xFFFFFF)));
                g.fillOval(random.nextInt(640), random.nextInt(480), 20 + random.nextInt(200), 20 + random.nextInt(200));
            }
            g.dispose();
            Path file = dir.resolve(i + ".jpg");
            ImageIO.write(image, "jpg", file.toFile());
            total += Files.size(file);
            Blobs.Stored stored = QuarkusTransaction.requiringNew().call(() -> blobs.store(file));
            photos.add(new String[] {UUID.randomUUID().toString(), stored.sha256(), Long.toString(stored.size())});
            Files.delete(file);
        }
        String paragraph = "<p>Ce matin, la classe est allée au musée. Les élèves ont observé les tableaux, pris des "
                + "notes et posé beaucoup de questions à la guide, qui a répondu avec patience. De retour à l'école, "
                + "chacun a écrit ce qu'il avait préféré.</p>";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO space (id, kind, uai, school_year, "
                    + "ref, name) VALUES (?, 'CLASS', ?, '2023-2024', 'BENCH', 'CM1 bench')")) {
                insert.setObject(1, space);
                insert.setString(2, UAI);
                insert.executeUpdate();
            }
            try (PreparedStatement member = connection.prepareStatement("INSERT INTO space_member (space_id, person_id, "
                    + "role) VALUES (?, 'ELV-BENCH', 'PUPIL')")) {
                member.setObject(1, space);
                member.executeUpdate();
            }
            try (PreparedStatement item = connection.prepareStatement("INSERT INTO content_item (id, space_id, "
                    + "application, title, body, data, creator, creator_name, created_at, updated_at, blob) VALUES "
                    + "(?, ?, ?, ?, ?, ?::jsonb, 'ENS-BENCH', 'Mme Bench', now() + make_interval(secs => ?), now(), ?)")) {
                for (int i = 0; i < articles; i++) {
                    String[] photo = photos.get(i);
                    item.setObject(1, UUID.fromString(photo[0]));
                    item.setObject(2, space);
                    item.setString(3, "MEDIATHEQUE");
                    item.setString(4, "photo-" + i + ".jpg");
                    item.setString(5, null);
                    item.setString(6, "{\"kind\":\"file\",\"parent\":null,\"size\":" + photo[2]
                            + ",\"contentType\":\"image/jpeg\",\"sha256\":\"" + photo[1] + "\"}");
                    item.setDouble(7, i);
                    item.setString(8, photo[1]);
                    item.addBatch();
                    item.setObject(1, UUID.randomUUID());
                    item.setString(3, "BLOG");
                    item.setString(4, "Article " + (i + 1) + " : sortie au musée");
                    item.setString(5, paragraph.repeat(3));
                    item.setString(6, "{\"category\":\"" + (i % 2 == 0 ? "Sorties" : "Classe") + "\",\"images\":[\""
                            + photo[0] + "\"]}");
                    item.setString(8, null);
                    item.addBatch();
                }
                item.executeBatch();
            }
            connection.commit();
        }
        Files.delete(dir);
        return total;
    }
}
