package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.demo.Demo;
import fr.ent.demo.DemoReport;
import fr.ent.demo.DemoReport.MatrixRow;
import fr.ent.demo.DemoSettings;
import fr.ent.demo.DemoStory;
import fr.ent.testsupport.KeycloakRealms;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The story of {@code ./ent demo} at a small size, on the stack's Kafka, PostgreSQL and Keycloak with services of its
 * own: the five services from their jars, on databases and a topic namespace made for the run, trusting a realm made
 * for the run (a copy of the stack's, demo logins included), the académie starting in 2017-2018 as in the demo — so
 * that switching académie 17 over leaves the stack's own services, and every other test, where they were. Then the
 * final table, the directeur's notifications, the recovered items and the sheets are checked, and the operators'
 * overview and business metrics of the run's rollover-service.
 */
class DemoE2ETest {

    private static final String FROM = "2017-2018";

    @Test
    void theDemoStoryEndsWithEveryApplicationAsTheMatrixSaysAndTheTeacherHasHerBlogAndMediaBack() throws Exception {
        String id = Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xffffffffL);
        String namespace = "demo-" + id + ".";
        String realm = KeycloakRealms.createCopy(Path.of("..", "stack", "keycloak", "ent-realm.json"), "demo-e2e-");
        Path work = Files.createTempDirectory("e2e-demo-");
        try (OwnSuite services = new OwnSuite("demo", id, realm, FROM, work)) {
            ServiceProcess rollover = services.get("rollover-service");
            services.start();

            DemoSettings settings = new DemoSettings(new DemoSettings.Services(
                    services.get("onde-sync-service").url(""), services.get("class-service").url(""),
                    services.get("identity-service").url(""), services.get("content-service").url(""),
                    rollover.url("")), Stack.env("ENT_KEYCLOAK_URL"), realm, Stack.env("ENT_DEMO_PASSWORD"), "17", FROM,
                    600, 7, work.resolve("demo"), Duration.ofSeconds(8), Duration.ofSeconds(180), false,
                    Stack.env("ENT_MAIL_API_URL"));
            ByteArrayOutputStream told = new ByteArrayOutputStream();
            DemoReport report;
            try (PrintStream out = new PrintStream(told, true, StandardCharsets.UTF_8)) {
                report = new DemoStory(settings, out).run();
                Demo.print(report, out);
            } finally {
                System.out.println(told.toString(StandardCharsets.UTF_8));
            }

            // The table: every application of a class space, two items each, as the matrix and the preview said.
            List<MatrixRow> classRows = report.rows().stream().filter(r -> r.space().equals("CLASS")).toList();
            assertEquals(List.of("MEDIATHEQUE", "MINISITE", "BLOG", "CONCOURS_SCOLAIRE", "CAHIER_DE_TEXTES",
                    "CAHIER_DE_LIAISON", "AGENDA", "GPS", "MOTEUR_DE_RECHERCHE"),
                    classRows.stream().map(MatrixRow::application).toList());
            // The teacher's manual backup (CNT-3): the class's two media files in her personal space, kept.
            MatrixRow personal = report.rows().get(report.rows().size() - 1);
            assertEquals("MEDIATHEQUE PERSONAL K 2 2", personal.application() + " " + personal.space() + " "
                    + personal.fate() + " " + personal.before() + " " + personal.inSpaceAfter());
            assertTrue(personal.asExpected(), personal.toString());
            for (MatrixRow row : classRows) {
                assertEquals(2, row.before(), row.toString());
                assertEquals(row.fate() == 'R' ? 2 : 0, row.archived(), row.toString());
                assertEquals(0, row.inSpaceAfter(), row.toString());
                assertEquals(2, row.previewed().get(row.fate()), row.toString());
                assertTrue(row.asExpected(), row.toString());
            }
            assertEquals(List.of('R', 'D', 'R', 'R', 'D', 'D', 'D', 'R', 'D'),
                    classRows.stream().map(MatrixRow::fate).toList());
            // Recovered: what the teacher chose, blog and media, into her new class; nothing else.
            assertEquals(Map.of("BLOG", 2, "MEDIATHEQUE", 2), report.recovered());
            classRows.forEach(row -> assertEquals(Map.of("BLOG", 2, "MEDIATHEQUE", 2)
                    .getOrDefault(row.application(), 0), row.recovered(), row.toString()));
            // The directeur was told once per year that the school's data were ready.
            assertEquals(2, report.notifications().size(), report.notifications().toString());
            assertTrue(report.notifications().stream().anyMatch(n -> n.startsWith("2018-2019 ")
                    && n.contains("Les données 2018-2019 de votre école (0750654D) sont prêtes")), report.notifications()
                    .toString());
            assertTrue(report.notifications().stream().anyMatch(n -> n.startsWith("2017-2018 ")),
                    report.notifications().toString());
            // Two PDFs: the pupils' and the parents' sheets.
            // The applications' own features in the story: the blog's PDF, the search, the photo's blob recovered.
            assertEquals("%PDF-", new String(java.nio.file.Files.readAllBytes(report.blogPdf()), 0, 5,
                    java.nio.charset.StandardCharsets.US_ASCII));
            assertTrue(report.searchBefore() >= 1 && report.searchAfter() == 0, report.searchBefore() + " / "
                    + report.searchAfter());
            assertTrue(report.recoveredSameBytes(), "the recovered photo is the one uploaded");
            assertEquals(2, report.sheets().size());
            for (Path sheet : report.sheets()) {
                byte[] head = Arrays.copyOf(Files.readAllBytes(sheet), 5);
                assertArrayEquals("%PDF-".getBytes(StandardCharsets.US_ASCII), head, sheet.toString());
            }
            assertTrue(report.timings().containsKey("trigger → every school ready for 2018-2019"), report.timings()
                    .toString());
            // Scheduled 8 s ahead, both reminder delays (14 and 3 days) were due at once: the nearest one only.
            assertEquals(1, report.reminders().size(), report.reminders().toString());
            assertTrue(report.reminders().get(0).startsWith("BACKUP_REMINDER_3D: Bascule vers 2018-2019 le "),
                    report.reminders().toString());
            // With the school's figures from content-service's preview, asked as the suite's service client.
            for (String figure : List.of("archivés pour récupération", "2 médias", "2 articles de blog", "2 concours",
                    "2 points de carte", "supprimés", "2 pages de mini-site", "2 entrées du cahier de textes",
                    "2 mots du cahier de liaison", "2 événements d'agenda", "2 recherches enregistrées")) {
                assertTrue(report.reminders().get(0).contains(figure), figure + " in " + report.reminders());
            }
            // E-mailed through the stack's mail sink: the directeur's two "ready" mails, the teacher's reminder.
            assertTrue(report.mails().stream().filter(m -> m.equals("directeur.demo@ac-demo.fr: Les données de votre "
                    + "école sont prêtes")).count() >= 2, report.mails().toString());
            assertTrue(report.mails().stream().anyMatch(m -> m.startsWith("enseignant.demo@ac-demo.fr: Bascule vers "
                    + "2018-2019 le ")), report.mails().toString());

            operatorsSeeTheRun(rollover, services.get("class-service"), namespace, realm);
        } finally {
            KeycloakRealms.delete(realm);
        }
    }

    /** The overview names the run's topics and groups, nothing left to read once all is applied, no dead letter. */
    private static void operatorsSeeTheRun(ServiceProcess rollover, ServiceProcess classes, String namespace,
            String realm) {
        String operator = Stack.token(realm, Map.of("grant_type", "password", "client_id", "ent-cli", "username",
                "operateur.demo", "password", Stack.env("ENT_DEMO_PASSWORD")));
        String teacher = Stack.token(realm, Map.of("grant_type", "password", "client_id", "ent-cli", "username",
                "enseignant.demo", "password", Stack.env("ENT_DEMO_PASSWORD")));
        assertEquals(403, Stack.get(rollover.url("/api/operations/overview"), Optional.of(teacher)).statusCode());
        JsonNode overview = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long lag = -1;
        while (lag != 0 && System.nanoTime() < deadline) {
            HttpResponse<String> answer = Stack.get(rollover.url("/api/operations/overview"), Optional.of(operator));
            assertEquals(200, answer.statusCode(), answer.body());
            overview = Stack.json(answer);
            lag = 0;
            for (JsonNode group : overview.get("kafka").get("groups")) {
                if (group.get("groupId").asText().startsWith(namespace)) {
                    lag += group.get("lag").asLong();
                }
            }
            ServiceProcess.sleep(500);
        }
        assertEquals(0, lag, "the run's consumer groups read everything: " + overview);
        List<String> topics = new ArrayList<>();
        overview.get("kafka").get("topics").forEach(t -> topics.add(t.get("name").asText()));
        assertTrue(topics.contains(namespace + "onde.changes") && topics.contains(namespace + "rollover.year-switched"),
                topics.toString());
        List<String> groups = new ArrayList<>();
        overview.get("kafka").get("groups").forEach(g -> groups.add(g.get("groupId").asText()));
        assertTrue(groups.containsAll(List.of(namespace + "class-service", namespace + "content-service",
                namespace + "identity-service", namespace + "rollover-service")), groups.toString());
        overview.get("kafka").get("deadLetters").forEach(d -> {
            if (d.get("byTopic").fieldNames().next().startsWith(namespace)) {
                assertEquals(0, d.get("total").asLong(), "no dead letter in the run: " + d);
            }
        });
        assertEquals(0, overview.get("openSwitchovers").size(), overview.toString());
        assertEquals(0, overview.get("openImports").size(), overview.toString());

        String metrics = Stack.send(HttpRequest.newBuilder(URI.create(rollover.managementUrl("/q/metrics"))).GET()
                .build()).body();
        assertTrue(metrics.contains("ent_switchovers{status=\"completed\"} 1.0"), metrics);
        assertTrue(metrics.contains("ent_switchover_acknowledgements_pending 0.0"), metrics);
        String classMetrics = Stack.send(HttpRequest.newBuilder(URI.create(classes.managementUrl("/q/metrics"))).GET()
                .build()).body();
        assertTrue(classMetrics.lines().anyMatch(l -> l.startsWith("ent_events_applied_total{consumer=")
                && !l.endsWith(" 0.0")), "class-service counts the events it applied: " + classMetrics);
    }
}
