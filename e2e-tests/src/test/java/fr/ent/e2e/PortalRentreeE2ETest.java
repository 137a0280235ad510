package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.contracts.SchoolYear;
import fr.ent.demo.Api;
import fr.ent.demo.DemoSettings;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import fr.ent.testsupport.KeycloakRealms;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The rentrée in a real browser, on services and a portal of the run's own (databases, topic namespace and a copy of
 * the realm made for it, as {@link DemoE2ETest} does), signed in through Keycloak's login page:
 * the rectorat uploads the 2017-2018 ONDE export and follows it, the teacher's class gets a blog article and a media
 * folder with a photo (through the API), the rectorat triggers the switchover and follows its progress, the
 * 2018-2019 export is imported; then the teacher's first connection — choose the class, recover the article and the
 * folder, set the level — and the directeur's ONDE rejections. Every screen is written as a screenshot and passes
 * axe-core with no serious or critical violation. What the browser did is checked through the services' APIs.
 */
class PortalRentreeE2ETest {

    private static final SchoolYear FROM = SchoolYear.parse("2017-2018");
    private static final SchoolYear TO = FROM.next();
    private static final String UAI = GeneratorSettings.DEMO_UAI;
    private static final Duration STEP = Duration.ofSeconds(180);

    private Api api;
    private OwnSuite services;

    @Test
    void theTeachersFirstConnectionTheDirecteursRejectionsAndTheRectoratsImportAndSwitchover() throws Exception {
        String id = Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xffffffffL);
        Path work = Files.createTempDirectory("e2e-portal-");
        Map<String, String> portalEnv = new HashMap<>();
        ServiceProcess portal = new ServiceProcess("web-portal", "web-portal", portalEnv, work, "-Xmx128m");
        // The realm's copy lets its browser client come back to this run's portal, on its own port.
        Path realmExport = work.resolve("realm.json");
        Files.writeString(realmExport, Files.readString(Path.of("..", "stack", "keycloak", "ent-realm.json"))
                .replace("http://127.0.0.1:18100", portal.url("")));
        String realm = KeycloakRealms.createCopy(realmExport, "portal-e2e-");
        String keycloak = Stack.env("ENT_KEYCLOAK_URL");
        try (OwnSuite suite = new OwnSuite("portal", id, realm, FROM.toString(), work)) {
            services = suite;
            portalEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak + "/realms/" + realm);
            portalEnv.put("ENT_PORTAL_ONDE_SYNC_URL", url("onde-sync-service", ""));
            portalEnv.put("ENT_PORTAL_CLASS_URL", url("class-service", ""));
            portalEnv.put("ENT_PORTAL_IDENTITY_URL", url("identity-service", ""));
            portalEnv.put("ENT_PORTAL_CONTENT_URL", url("content-service", ""));
            portalEnv.put("ENT_PORTAL_ROLLOVER_URL", url("rollover-service", ""));
            suite.start(portal);

            DemoSettings settings = new DemoSettings(new DemoSettings.Services(
                    services.get("onde-sync-service").url(""), services.get("class-service").url(""),
                    services.get("identity-service").url(""), services.get("content-service").url(""),
                    services.get("rollover-service").url("")), keycloak, realm, Stack.env("ENT_DEMO_PASSWORD"), "17",
                    FROM.toString(), 300, 11, work.resolve("demo"), Duration.ofSeconds(8), STEP, false,
                    Stack.env("ENT_MAIL_API_URL"));
            api = new Api(settings);
            List<OndeExportGenerator.Export> exports = generate(work.resolve("exports"));
            story(portal.url(""), exports);
        } finally {
            KeycloakRealms.delete(realm);
        }
    }

    private void story(String portal, List<OndeExportGenerator.Export> exports) throws IOException {
        String password = Stack.env("ENT_DEMO_PASSWORD");
        // 1. The rectorat uploads the 2017-2018 export in the browser and follows it to its end.
        try (Browser rectorat = new Browser(portal)) {
            rectorat.signIn("rectorat.demo", password);
            rectorat.open("/rectorat/imports");
            rectorat.check("rectorat-1-imports");
            rectorat.find(By.id("export")).sendKeys(zip(exports.get(0)).toAbsolutePath().toString());
            rectorat.click(By.cssSelector("form[action='/rectorat/imports'] button[type=submit]"));
            rectorat.awaitFinal("État : terminé", STEP);
            assertTrue(rectorat.text().contains("20 schools") || rectorat.text().contains("completed"),
                    rectorat.text());
            rectorat.check("rectorat-2-import-termine");
        }
        await("the 2017-2018 classes of " + UAI, () -> classesOf(FROM));

        // 2. Last year's class: the teacher's blog article and a media folder with a photo in it (the services' APIs).
        String oldClass = classesOf(FROM).orElseThrow().get(0);
        api.post("enseignant.demo", url("class-service", "/api/me/classes"), Map.of("uai", UAI, "classIds",
                List.of(oldClass)), 200);
        String oldSpace = await("the teacher's space of " + oldClass, () -> teacherSpace(oldClass));
        api.post("enseignant.demo", url("content-service", "/api/spaces/" + oldSpace + "/items"), Map.of(
                "application", "BLOG", "title", "La classe découverte à Oléron", "body",
                "<p>Cinq jours au bord de la mer.</p>"), 201);
        JsonNode folder = api.post("enseignant.demo", url("content-service", "/api/spaces/" + oldSpace
                + "/media/folders"), Map.of("name", "Photos de la classe découverte"), 201);
        uploadInto(oldSpace, folder.get("id").asText());

        // Before the switchover the teacher sees what it will do to the class and backs the photo up (CNT-3).
        try (Browser teacher = new Browser(portal)) {
            teacher.signIn("enseignant.demo", password);
            teacher.open("/enseignant/bascule");
            String text = teacher.text();
            assertTrue(text.contains("Ce que la bascule fera à mes classes (" + FROM + ")"), text);
            assertTrue(text.contains("Blog (articles) 0 1 0"), "the article archived for me: " + text);
            checkboxLabelled(teacher, "oleron.png").click();
            teacher.check("enseignant-0-avant-la-bascule");
            teacher.submit(By.cssSelector("form[action='/enseignant/bascule/sauvegarde'] button[type=submit]"),
                    "1 fichier(s) sauvegardé(s) dans votre espace personnel");
        }

        // 3. The rectorat triggers the switchover now and follows it per participant, then the new year's import.
        String switchoverPage;
        try (Browser rectorat = new Browser(portal)) {
            rectorat.signIn("rectorat.demo", password);
            // The next year's export before the switchover: held by the brake, its reason shown, discarded here.
            rectorat.open("/rectorat/imports");
            rectorat.find(By.id("export")).sendKeys(zip(exports.get(2)).toAbsolutePath().toString());
            rectorat.click(By.cssSelector("form[action='/rectorat/imports'] button[type=submit]"));
            rectorat.awaitFinal("Import retenu : votre décision est nécessaire", STEP);
            assertTrue(rectorat.text().contains("Raison : held:"), rectorat.text());
            rectorat.check("rectorat-2b-import-retenu");
            rectorat.click(By.cssSelector("form[action$='/ecarter'] button[type=submit]"));
            rectorat.awaitFinal("État : écarté", STEP);
            // A switchover scheduled for later is cancelled before it starts.
            rectorat.open("/rectorat/bascules");
            WebElement later = rectorat.find(By.id("fromYear"));
            later.clear();
            later.sendKeys(FROM.toString());
            rectorat.find(By.id("toYear")).sendKeys(TO.toString());
            rectorat.click(By.id("when-later"));
            java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusDays(60);
            rectorat.driver().executeScript("document.getElementById('at').value = arguments[0];", day + "T22:00");
            rectorat.submit(By.cssSelector("form[action='/rectorat/bascules'] button[type=submit]"),
                    "État : programmée");
            String when = java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", java.util.Locale.FRENCH)
                    .format(day) + " à 22h00";
            assertTrue(rectorat.text().contains("prévue le " + when), when + " in " + rectorat.text());
            rectorat.submit(By.cssSelector("form[action$='/annuler'] button[type=submit]"), "État : annulée");
            rectorat.check("rectorat-3a-bascule-annulee");
            rectorat.open("/rectorat/bascules");
            WebElement from = rectorat.find(By.id("fromYear"));
            from.clear();
            from.sendKeys(FROM.toString());
            rectorat.find(By.id("toYear")).sendKeys(TO.toString());
            rectorat.check("rectorat-3-bascules");
            rectorat.click(By.cssSelector("form[action='/rectorat/bascules'] button[type=submit]"));
            rectorat.awaitText("Avancement", STEP);
            switchoverPage = rectorat.driver().getCurrentUrl();
            rectorat.screenshot("rectorat-4-bascule-en-cours");
            rectorat.awaitText("État : terminée", STEP);
            assertTrue(rectorat.text().contains("Contenus"), rectorat.text());
            rectorat.check("rectorat-5-bascule-terminee");
        }
        JsonNode accepted = api.upload("rectorat.demo", url("onde-sync-service", "/api/imports"), "export",
                zip(exports.get(2)), 202);
        String importId = accepted.get("id").asText();
        await("the 2018-2019 import", () -> "COMPLETED".equals(api.get("rectorat.demo", url("onde-sync-service",
                "/api/imports/" + importId + "?schools=false")).path("status").asText()) ? Optional.of(true)
                : Optional.empty());
        List<String> newClasses = await("the 2018-2019 classes of " + UAI, () -> classesOf(TO));
        try (Browser rectorat = new Browser(portal)) {
            rectorat.signIn("rectorat.demo", password);
            rectorat.driver().get(switchoverPage);
            rectorat.awaitText("Import ONDE 2018-2019", STEP);
            rectorat.check("rectorat-6-bascule-et-nouvel-import");
        }

        // 4. The teacher's first connection: choose the class, recover the article and the folder, set the level.
        String newClass = newClasses.get(0);
        try (Browser teacher = new Browser(portal)) {
            teacher.signIn("enseignant.demo", password);
            teacher.open("/enseignant/rentree");
            assertTrue(teacher.heading().contains("étape 1 sur 3"), teacher.heading());
            assertTrue(teacher.text().contains("élèves — dont"), "three pupils named: " + teacher.text());
            teacher.click(By.id("classe-" + newClass));
            teacher.check("enseignant-1-choix");
            teacher.submit(By.cssSelector("form[action='/enseignant/rentree'] button[type=submit]"), "étape 2 sur 3");
            String text = teacher.text();
            assertTrue(text.contains("Blog (articles) — 1") && text.contains("La classe découverte à Oléron"), text);
            assertTrue(text.contains("Médiathèque (dossiers et fichiers) — 2"), text);
            checkboxLabelled(teacher, "La classe découverte à Oléron").click();
            WebElement folderBox = checkboxLabelled(teacher, "Photos de la classe découverte");
            folderBox.click();
            WebElement photoBox = checkboxLabelled(teacher, "oleron.png");
            assertTrue(photoBox.isSelected(), "checking the folder checks the photo in it");
            teacher.check("enseignant-2-recuperation");
            teacher.submit(By.cssSelector("form[action='/enseignant/rentree/recuperation'] button[type=submit]"),
                    "3 contenu(s) récupéré(s)");
            teacher.screenshot("enseignant-3-recupere");
            teacher.click(By.linkText("Continuer : configurer ma classe"));
            teacher.awaitText("étape 3 sur 3", Duration.ofSeconds(30));
            assertTrue(teacher.text().contains("Le niveau est obligatoire"), teacher.text());
            // Without a level the page says what to do, and nothing changes.
            for (WebElement level : teacher.driver().findElements(By.cssSelector("input[id^='level-" + newClass
                    + "-']"))) {
                if (level.isSelected()) {
                    level.click();
                }
            }
            teacher.submit(By.cssSelector("form[action='/enseignant/rentree/configuration'] button[type=submit]"),
                    "Choisissez au moins un niveau");
            teacher.check("enseignant-4-niveau-manquant");
            teacher.open("/enseignant/rentree/configuration");
            for (WebElement level : teacher.driver().findElements(By.cssSelector("input[id^='level-" + newClass
                    + "-']"))) {
                if (level.isSelected()) {
                    level.click();
                }
            }
            teacher.click(By.id("level-" + newClass + "-CM2"));
            teacher.check("enseignant-5-configuration");
            teacher.submit(By.cssSelector("form[action='/enseignant/rentree/configuration'] button[type=submit]"),
                    "La classe est configurée");
            teacher.open("/enseignant");
            assertTrue(teacher.text().contains("Niveaux : CM2"), teacher.text());
            teacher.check("enseignant-6-mes-classes");
            // The pupils' sheets as the page's form sends them, with the browser's session and CSRF cookies.
            HttpResponse<byte[]> sheets = teacher.post("/feuilles", Map.of("uai", UAI,
                    "schoolYear", TO.toString(), "classId", newClass, "audience", "pupils", "perPage", "4"));
            assertEquals(200, sheets.statusCode());
            assertEquals("application/pdf", sheets.headers().firstValue("Content-Type").orElse(""));
            assertEquals("%PDF-", new String(sheets.body(), 0, 5, StandardCharsets.US_ASCII));
            assertTrue(sheets.headers().firstValue("Content-Disposition").orElse("").contains("fiches-pupils-"),
                    sheets.headers().toString());
        }
        // What the browser did, as the services tell it.
        String newSpace = await("the teacher's space of " + newClass, () -> teacherSpace(newClass));
        JsonNode blog = api.get("enseignant.demo", url("content-service", "/api/spaces/" + newSpace
                + "/items?application=BLOG"));
        assertEquals(1, blog.size(), blog.toString());
        assertEquals("La classe découverte à Oléron", blog.get(0).get("title").asText());
        JsonNode media = api.get("enseignant.demo", url("content-service", "/api/spaces/" + newSpace + "/media"));
        assertEquals(1, media.size(), media.toString());
        assertEquals("Photos de la classe découverte", media.get(0).get("title").asText());
        JsonNode inFolder = api.get("enseignant.demo", url("content-service", "/api/spaces/" + newSpace
                + "/media?folderId=" + media.get(0).get("id").asText()));
        assertEquals(1, inFolder.size(), inFolder.toString());
        assertEquals("oleron.png", inFolder.get(0).get("title").asText(), "the photo, in its folder again");
        boolean cm2 = false;
        for (JsonNode c : api.get("enseignant.demo", url("class-service", "/api/me/classes"))) {
            if (c.get("details").get("classId").asText().equals(newClass)) {
                cm2 = c.get("details").get("levels").toString().equals("[\"CM2\"]");
            }
        }
        assertTrue(cm2, "the class's level is CM2");

        // 5. The directeur's ONDE rejections, in words, with the CSV.
        try (Browser directeur = new Browser(portal)) {
            directeur.signIn("directeur.demo", password);
            directeur.open("/directeur/rejets");
            String text = directeur.text();
            assertTrue(text.contains("élève(s) non importé(s)"), text);
            assertTrue(text.contains("La correction se fait dans ONDE"), text);
            assertTrue(text.contains("L'élève") || text.contains("Aucun responsable"), text);
            assertFalse(text.contains("NO_CLASS") || text.contains("NOT_ADMITTED_DEFINITIVELY"), text);
            directeur.check("directeur-1-rejets");
            directeur.open("/directeur");
            assertTrue(directeur.text().contains("Les données " + TO + " de votre école"), directeur.text());
            directeur.check("directeur-2-ecole");
        }
    }

    private static WebElement checkboxLabelled(Browser browser, String text) {
        WebElement label = browser.find(By.xpath("//label[contains(., \"" + text + "\")]"));
        return browser.driver().findElement(By.id(label.getAttribute("for")));
    }

    private List<OndeExportGenerator.Export> generate(Path folder) throws IOException {
        GeneratorSettings defaults = GeneratorSettings.defaults(11, 300);
        GeneratorSettings generator = new GeneratorSettings(11, 300, "17", defaults.academyName(), FROM,
                defaults.failureShare(), defaults.partSize(), true);
        List<OndeExportGenerator.Export> exports = new OndeExportGenerator(generator).generateAll(folder);
        for (OndeExportGenerator.Export export : exports) {
            OndeExportGenerator.zip(export.folder());
        }
        return exports;
    }

    private static Path zip(OndeExportGenerator.Export export) {
        return export.folder().resolveSibling(export.folder().getFileName() + ".zip");
    }

    private String url(String service, String path) {
        return services.get(service).url(path);
    }

    /** The classes of the demo school in that year, once class-service has them (the teacher's class choice). */
    private Optional<List<String>> classesOf(SchoolYear year) {
        List<String> ids = new ArrayList<>();
        for (JsonNode school : api.get("enseignant.demo", url("class-service", "/api/me/class-choice")).path(
                "schools")) {
            if (school.path("schoolYear").asText().equals(year.toString())) {
                school.path("classes").forEach(c -> ids.add(c.path("classId").asText()));
            }
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    }

    private Optional<String> teacherSpace(String classId) {
        for (JsonNode m : api.get("enseignant.demo", url("content-service", "/api/me/spaces"))) {
            if (classId.equals(m.path("space").path("ref").asText()) && m.path("roles").toString().contains(
                    "TEACHER")) {
                return Optional.of(m.path("space").path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** A PNG uploaded into the folder: multipart with the fields file and folderId. */
    private void uploadInto(String spaceId, String folderId) throws IOException {
        byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                + "nGNgYPj/HwADAgH/e6VF0QAAAABJRU5ErkJggg==");
        String boundary = "portal-test-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"folderId\"\r\n\r\n" + folderId
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"oleron.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = Stack.send(HttpRequest.newBuilder(URI.create(url("content-service",
                        "/api/spaces/" + spaceId + "/media/files")))
                .header("Authorization", "Bearer " + api.token("enseignant.demo"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(png), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build());
        assertEquals(201, answer.statusCode(), answer.body());
    }

    private static <T> T await(String what, Supplier<Optional<T>> ask) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> answer = ask.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            ServiceProcess.sleep(500);
        }
        throw new AssertionError("waited " + STEP.toSeconds() + " s for " + what);
    }
}
