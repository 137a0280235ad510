package fr.ent.content.media;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.TestContent;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Médiathèque and blog against the real broker and database: nested folders, uploads stored once per content,
 * streamed downloads with their type, the size limit, who may do what; rich text sanitised; the blog's PDF (whole and
 * one category) with its texts, authors and images; the switchover archives the tree, recovery rebuilds it sharing
 * the blob, and the sweeper frees only what nothing refers to.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class MediaAndBlogTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String ACADEMY = "56";
    private static final String UAI = "0560001X"; // 560001 % 23 = 21 → X
    private static final String FROM = "2020-2021";
    private static final String TO = "2021-2022";

    private final String teacher = token("MB-T", Roles.ENSEIGNANT);
    private final String pupil = token("MB-P", Roles.ELEVE);
    private final String parent = token("MB-R", Roles.PARENT);
    private final String stranger = token("MB-X", Roles.ENSEIGNANT);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Blobs blobs;

    @Inject
    fr.ent.content.housekeeping.Housekeeping housekeeping;

    @Test
    void foldersFilesBlogAndItsPdfAcrossTheSwitchover() throws Exception {
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_SCHOOL_UPSERTED, "{\"uai\":\"" + UAI + "\",\"name\":\"École\","
                + "\"type\":null,\"academyCode\":\"" + ACADEMY + "\",\"academy\":null,\"town\":null,\"district\":null,"
                + "\"departmental\":false}");
        roster(FROM, "C1");
        teacherOf(FROM, "C1");
        String space = await().atMost(WITHIN).until(() -> classSpace(teacher, "C1"), id -> id != null);
        await().atMost(WITHIN).until(() -> classSpace(parent, "C1") != null);

        // Folders in folders; a file in the inner one; the same bytes again at the top are one blob.
        String outings = folder(space, "Sorties", null).then().statusCode(201).body("data.kind", equalTo("folder"))
                .extract().path("id");
        String museum = folder(space, "Musée", outings).then().statusCode(201).body("data.parent", equalTo(outings))
                .extract().path("id");
        folder(space, "Ailleurs", UUID.randomUUID().toString()).then().statusCode(400).body("field", equalTo("folderId"));
        byte[] png = png(Color.ORANGE);
        String photo = upload(teacher, space, "C:\\photos\\musée.png", png, "image/png", museum).statusCode(201)
                .body("title", equalTo("musée.png")).body("data.size", equalTo(png.length))
                .body("data.contentType", equalTo("image/png")).extract().path("id");
        String again = upload(teacher, space, "copie.png", png, "image/png", null).statusCode(201).extract()
                .path("id");
        String sha = given().auth().oauth2(teacher).get("/api/spaces/" + space + "/items/" + photo).then()
                .extract().path("data.sha256");
        assertEquals(1, count("SELECT count(*) FROM blob WHERE sha256 = ?", sha), "one blob for the same bytes");
        assertEquals(2, count("SELECT count(*) FROM content_item WHERE blob = ?", sha));
        String page = upload(teacher, space, "page.html", "<script>alert(1)</script>".getBytes(), "text/html", null)
                .statusCode(201).extract().path("id");

        // Who may: a pupil lists and downloads but does not upload; a teacher of another class sees nothing.
        upload(pupil, space, "moi.png", png, "image/png", null).statusCode(403);
        upload(teacher, space, "gros.bin", new byte[3 * 1024 * 1024], "application/octet-stream", null)
                .statusCode(413).body("field", equalTo("file"));
        given().auth().oauth2(teacher).multiPart("autre", "x").post("/api/spaces/" + space + "/media/files").then()
                .statusCode(400).body("field", equalTo("file"));
        given().auth().oauth2(stranger).get("/api/spaces/" + space + "/media").then().statusCode(404);
        given().auth().oauth2(pupil).get("/api/spaces/" + space + "/media").then().statusCode(200)
                .body("title", equalTo(List.of("Sorties", "copie.png", "page.html")));
        given().auth().oauth2(pupil).get("/api/spaces/" + space + "/media?folderId=" + outings).then().statusCode(200)
                .body("title", equalTo(List.of("Musée")));
        Response download = given().auth().oauth2(parent).get("/api/spaces/" + space + "/media/files/" + photo
                + "/content");
        download.then().statusCode(200).contentType("image/png").header("Content-Disposition", containsString("inline"))
                .header("X-Content-Type-Options", "nosniff");
        assertArrayEquals(png, download.asByteArray());
        given().auth().oauth2(pupil).get("/api/spaces/" + space + "/media/files/" + page + "/content").then()
                .statusCode(200).header("Content-Disposition", containsString("attachment"))
                .header("Content-Security-Policy", "sandbox");
        given().auth().oauth2(pupil).get("/api/spaces/" + space + "/media/files/" + outings + "/content").then()
                .statusCode(404);

        // CNT-3: the teacher backs up a folder with all it holds into her personal space, its tree kept, once.
        String personal = given().auth().oauth2(teacher).contentType(ContentType.JSON).body(JSON.writeValueAsString(
                Map.of("spaceId", space, "items", List.of(outings)))).post("/api/me/backup").then().statusCode(200)
                .body("copied", equalTo(3)).extract().path("personalSpaceId");
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("spaceId",
                space, "items", List.of(outings, photo)))).post("/api/me/backup").then().statusCode(200)
                .body("copied", equalTo(0)).body("alreadyCopied", equalTo(3));
        String backupRoot = only(teacher, personal, null, "Sauvegarde C1 " + FROM);
        String backedUpMuseum = only(teacher, personal, only(teacher, personal, backupRoot, "Sorties"), "Musée");
        String backedUpPhoto = only(teacher, personal, backedUpMuseum, "musée.png");
        assertArrayEquals(png, given().auth().oauth2(teacher).get("/api/spaces/" + personal + "/media/files/"
                + backedUpPhoto + "/content").then().statusCode(200).extract().asByteArray());

        // The blog: rich text sanitised on the way in; categories; the PDF, whole and by category.
        String article = given().auth().oauth2(teacher).contentType(ContentType.JSON).body(JSON.writeValueAsString(
                Map.of("application", "BLOG", "title", "Visite au musée", "body", "<script>alert(1)</script>"
                        + "<p onclick=\"voler()\">Bonjour <b>les</b> élèves</p><img src=\"javascript:alert(1)\">"
                        + "<a href=\"javascript:alert(2)\">lien</a>", "data", Map.of("category", "Sorties", "images",
                        List.of(photo)))))
                .post("/api/spaces/" + space + "/items").then().statusCode(201).extract().path("id");
        String stored = given().auth().oauth2(pupil).get("/api/spaces/" + space + "/items/" + article).then()
                .statusCode(200).extract().path("body");
        assertEquals("<p>Bonjour <b>les</b> élèves</p><img><a rel=\"noopener noreferrer nofollow\">lien</a>", stored);
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("application",
                "BLOG", "title", "Règles de la classe", "body", "<p>On lève la main.</p>", "data",
                Map.of("category", "Classe")))).post("/api/spaces/" + space + "/items").then().statusCode(201);
        given().auth().oauth2(parent).get("/api/spaces/" + space + "/blog/categories").then().statusCode(200)
                .body("name", equalTo(List.of("Classe", "Sorties"))).body("articles", equalTo(List.of(1, 1)));
        try (PDDocument pdf = pdf(parent, space, null)) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Visite au musée") && text.contains("Bonjour les élèves")
                    && text.contains("Règles de la classe") && text.contains("mb-t"), text);
            assertFalse(text.contains("alert"), "nothing of the script");
            assertEquals(1, images(pdf), "the article's image, embedded");
        }
        try (PDDocument pdf = pdf(pupil, space, "Classe")) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Règles de la classe") && !text.contains("Visite au musée"), text);
        }
        given().auth().oauth2(stranger).get("/api/spaces/" + space + "/blog/pdf").then().statusCode(404);

        // The switchover archives the class's media for its teacher; recovery rebuilds the tree, sharing the blob.
        UUID switchover = UUID.randomUUID();
        send(Topics.YEAR_SWITCHED, EventTypes.ROLLOVER_YEAR_SWITCHED, ACADEMY, JSON.writeValueAsString(
                new YearSwitched(switchover, ACADEMY, FROM, TO, Instant.now())));
        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM content_year_switch WHERE switchover_id = ?",
                switchover) == 1);
        given().auth().oauth2(pupil).get("/api/spaces/" + space + "/media/files/" + photo + "/content").then()
                .statusCode(410);
        roster(TO, "C2");
        teacherOf(TO, "C2");
        String next = await().atMost(WITHIN).until(() -> classSpace(teacher, "C2"), id -> id != null);
        JsonPath recovery = given().auth().oauth2(teacher).get("/api/me/recovery").then().statusCode(200).extract()
                .jsonPath();
        List<String> media = recovery.getList("applications.MEDIATHEQUE.items.id", String.class);
        assertEquals(5, media.size(), "two folders, three files");
        assertEquals(2L * png.length + "<script>alert(1)</script>".length(),
                recovery.getLong("applications.MEDIATHEQUE.bytes"), "the files' sizes");
        // The file first, its folders after: the tree is rebuilt whatever the order.
        List<String> titles = recovery.getList("applications.MEDIATHEQUE.items.title", String.class);
        String photoArchive = media.get(titles.indexOf("musée.png"));
        // Each archived item names its id of last year (sourceItem), which data.parent refers to: the tree as it was.
        List<String> sources = recovery.getList("applications.MEDIATHEQUE.items.sourceItem", String.class);
        List<String> parents = recovery.getList("applications.MEDIATHEQUE.items.data.parent", String.class);
        assertEquals(sources.get(titles.indexOf("Musée")), parents.get(titles.indexOf("musée.png")));
        assertEquals(sources.get(titles.indexOf("Sorties")), parents.get(titles.indexOf("Musée")));
        recover(next, List.of(photoArchive));
        recover(next, media);
        JsonPath top = given().auth().oauth2(pupil).get("/api/spaces/" + next + "/media").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("Sorties", "copie.png", "page.html"), top.getList("title"));
        String newOutings = top.getString("find { it.title == 'Sorties' }.id");
        String newMuseum = given().auth().oauth2(pupil).get("/api/spaces/" + next + "/media?folderId=" + newOutings)
                .then().statusCode(200).body("title", equalTo(List.of("Musée"))).extract().path("[0].id");
        String newPhoto = given().auth().oauth2(pupil).get("/api/spaces/" + next + "/media?folderId=" + newMuseum)
                .then().statusCode(200).body("title", equalTo(List.of("musée.png"))).extract().path("[0].id");
        assertArrayEquals(png, given().auth().oauth2(pupil).get("/api/spaces/" + next + "/media/files/" + newPhoto
                + "/content").then().statusCode(200).extract().asByteArray());
        assertEquals(1, count("SELECT count(*) FROM blob WHERE sha256 = ?", sha), "still one blob");

        // The sweeper frees a blob nothing refers to, never one an item or an archive still holds.
        String gone = upload(teacher, next, "brouillon.png", png(Color.BLUE), "image/png", null).statusCode(201)
                .extract().path("data.sha256");
        String goneId = given().auth().oauth2(teacher).get("/api/spaces/" + next + "/media").then().extract()
                .path("find { it.title == 'brouillon.png' }.id");
        given().auth().oauth2(pupil).delete("/api/spaces/" + next + "/media/" + goneId).then().statusCode(403);
        given().auth().oauth2(teacher).delete("/api/spaces/" + next + "/media/" + newOutings).then().statusCode(204);
        given().auth().oauth2(teacher).get("/api/spaces/" + next + "/items/" + newPhoto).then().statusCode(404);
        given().auth().oauth2(teacher).delete("/api/spaces/" + next + "/media/" + goneId).then().statusCode(204);
        assertTrue(blobs.sweep() >= 1);
        assertEquals(0, count("SELECT count(*) FROM blob WHERE sha256 = ?", gone), "the draft's blob freed");
        assertFalse(Files.exists(Path.of("target/test-blobs", gone.substring(0, 2), gone.substring(2, 4), gone)));
        assertEquals(1, count("SELECT count(*) FROM blob WHERE sha256 = ?", sha), "the photo is still referred to");
        assertTrue(Files.exists(Path.of("target/test-blobs", sha.substring(0, 2), sha.substring(2, 4), sha)));

        // Thirteen months on, the archives are purged; the copy recovered into the new class keeps the photo's blob,
        // which goes once that copy goes too.
        execute("UPDATE recovery_item SET archived_at = archived_at - interval '400 days' WHERE teacher = 'MB-T'");
        assertEquals(7, housekeeping.round()[0], "five media and two articles archived for the teacher");
        given().auth().oauth2(teacher).get("/api/me/recovery").then().statusCode(200).body("total", equalTo(0));
        assertEquals(1, count("SELECT count(*) FROM blob WHERE sha256 = ?", sha), "the recovered copy holds it");
        String copy = given().auth().oauth2(teacher).get("/api/spaces/" + next + "/media").then().extract()
                .path("find { it.title == 'copie.png' }.id");
        given().auth().oauth2(teacher).delete("/api/spaces/" + next + "/media/" + copy).then().statusCode(204);
        housekeeping.round();
        assertEquals(1, count("SELECT count(*) FROM blob WHERE sha256 = ?", sha), "the backup in her personal space");
        given().auth().oauth2(teacher).delete("/api/spaces/" + personal + "/media/" + backupRoot).then().statusCode(204);
        housekeeping.round();
        assertEquals(0, count("SELECT count(*) FROM blob WHERE sha256 = ?", sha), "nothing refers to it any more");
        assertFalse(Files.exists(Path.of("target/test-blobs", sha.substring(0, 2), sha.substring(2, 4), sha)));
    }

    /** The id of the one file or folder of that title in a folder (or at the top) of the space's media library. */
    private static String only(String token, String space, String folder, String title) {
        return given().auth().oauth2(token).get("/api/spaces/" + space + "/media" + (folder == null ? ""
                : "?folderId=" + folder)).then().statusCode(200).body("title", equalTo(List.of(title))).extract()
                .path("[0].id");
    }

    private void execute(String statement) throws Exception {
        try (Connection connection = dataSource.getConnection();
                java.sql.Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    private void recover(String space, List<String> items) throws Exception {
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("spaceId",
                space, "items", items))).post("/api/me/recovery").then().statusCode(200);
    }

    private static PDDocument pdf(String token, String space, String category) throws Exception {
        Response response = given().auth().oauth2(token).queryParams(category == null ? Map.of() : Map.of("category",
                category)).get("/api/spaces/" + space + "/blog/pdf");
        response.then().statusCode(200).contentType("application/pdf");
        return Loader.loadPDF(response.asByteArray());
    }

    private static int images(PDDocument pdf) throws Exception {
        int found = 0;
        for (var page : pdf.getPages()) {
            for (var name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    found++;
                }
            }
        }
        return found;
    }

    private static byte[] png(Color color) throws Exception {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 120, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Response folder(String space, String name, String parent) throws Exception {
        return given().auth().oauth2(TestTokens.sign(new TestUser("mb-t", "MB-T", Set.of(Roles.ENSEIGNANT),
                List.of(UAI)))).contentType(ContentType.JSON).body(JSON.writeValueAsString(parent == null
                        ? Map.of("name", name) : Map.of("name", name, "parentId", parent)))
                .post("/api/spaces/" + space + "/media/folders");
    }

    /**
     * A multipart upload as a browser sends it (the file name raw in UTF-8, which REST Assured's client cannot send);
     * the answer read with REST Assured's matchers.
     */
    private static io.restassured.response.ValidatableResponse upload(String token, String space, String name,
            byte[] bytes, String type, String folder) throws Exception {
        String boundary = "----ent" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        if (folder != null) {
            body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"folderId\"\r\n\r\n" + folder)
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + boundary)
                .body(body.toByteArray()).post("/api/spaces/" + space + "/media/files").then();
    }

    private long count(String query, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setObject(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void roster(String year, String classId) throws Exception {
        send(Topics.ONDE_CHANGES, EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new OndeClass(UAI, year,
                classId, classId, List.of("CE1"), List.of(new OndePupil("MB-P", null, "Lou", "Martin", "2013-01-01",
                        "CE1", List.of(new OndePupil.Link("MB-R", "10", true)))))));
    }

    private static void teacherOf(String year, String classId) throws Exception {
        send(Topics.CLASS_EVENTS, EventTypes.CLASS_TEACHER_ASSIGNED, JSON.writeValueAsString(new TeacherAssigned(UAI,
                year, classId, "MB-T", List.of())));
    }

    private static void send(String topic, String type, String payload) {
        send(topic, type, UAI, payload);
    }

    private static String classSpace(String token, String classId) {
        return TestContent.spaceOf(token, classId);
    }

    private static void send(String topic, String type, String key, String payload) {
        TestContent.send(key, topic, type, payload);
    }

    private static String token(String personId, String role) {
        return TestContent.token(personId, role, UAI);
    }
}
