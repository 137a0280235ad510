package fr.ent.identity.sheet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.identity.onde.OndeEvents;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.KeycloakRealms;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Prints the time to make a class's connection sheets, Keycloak included — 28 pupils and their 47 responsables: the
 * first sheets of a class its teacher chose (users made ahead meanwhile), the same again (new passwords), the first
 * sheets of a class nobody chose (users made with their first passwords) — and how many staff accounts per second
 * the provisioner brings into Keycloak. Run by {@code ./ent bench} with the stack up (its Keycloak; a realm of the run's own).
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
@WithTestResource(KeycloakRealmResource.class)
@EnabledIfEnvironmentVariable(named = "ENT_KEYCLOAK_URL", matches = ".+",
        disabledReason = "needs the stack's Keycloak: run with ./ent bench with the stack up")
class ConnectionSheetsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UAI = "0540004L";
    private static final String YEAR = "2018-2019";
    private static final int PUPILS = Integer.getInteger("bench.sheets.pupils", 28);
    private static final int STAFF = Integer.getInteger("bench.sheets.staff", 300);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sheetsOfAClassAndStaffProvisioning() throws Exception {
        OndeEvents onde = new OndeEvents(UAI, "12");
        onde.school("École du banc d'essai");
        int responsables = klass(onde, "W", "C-WARM") + klass(onde, "C", "C-COLD");
        onde.staff("ENS-B", "Claire", "Banc", true, false);
        onde.roster(YEAR, "C-WARMUP", OndeEvents.pupil("BPU-1", "Eleve", "Essai"), OndeEvents.pupil("BPU-2",
                "Eleveb", "Essai"));
        UUID importId = onde.completed(YEAR, true);
        TestKafka.read(TestKafka.topic(Topics.IDENTITY_EVENTS), r -> r.stream().anyMatch(x -> x.value()
                .contains(importId.toString())), Duration.ofSeconds(60));
        System.out.printf("[bench] two classes of %d pupils, %d responsables in all%n", PUPILS, responsables);

        String directeur = TestTokens.sign(new TestUser("dir-b", "DIR-B", Set.of(Roles.DIRECTEUR), List.of(UAI)));
        // The JVMs warm up on both ways a password is given (a new user with it, a user's new one), as a server
        // that has been up for a while is; the classes measured are still new to Keycloak's caches.
        measure(directeur, "C-WARMUP", "warm-up (a class of two, its first sheets; the JVMs warm up)");
        measure(directeur, "C-WARMUP", "warm-up (the same again: new passwords)");

        // The usual way: the teacher chooses the class, its pupils and parents are made in Keycloak meanwhile.
        long chose = System.nanoTime();
        TestKafka.sendEvent(TestKafka.topic(Topics.CLASS_EVENTS), UAI, UUID.randomUUID(),
                EventTypes.CLASS_TEACHER_ASSIGNED, JSON.writeValueAsString(new TeacherAssigned(UAI, YEAR, "C-WARM",
                        "ENS-B", List.of())));
        String teacher = TestTokens.sign(new TestUser("ens-b", "ENS-B", Set.of(Roles.ENSEIGNANT), List.of(UAI)));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int ofClass = PUPILS + responsables / 2;
        while (count("keycloak_id IS NOT NULL AND (person_id LIKE 'BPW-%' OR person_id LIKE 'BRW-%')") < ofClass
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf("[bench] class chosen → its %d pupils and parents made in Keycloak (no password) after "
                + "%.2f s%n", count("keycloak_id IS NOT NULL AND (person_id LIKE 'BPW-%' OR person_id LIKE 'BRW-%')"),
                (System.nanoTime() - chose) / 1e9);
        for (String round : List.of("first sheets, users made ahead", "again (new passwords)")) {
            measure(teacher, "C-WARM", round);
        }
        // A class nobody has chosen yet, its sheets made by the directeur: users made with their first passwords.
        measure(directeur, "C-COLD", "first sheets, users made with them");
        keycloakAlone(ids("keycloak_id IS NOT NULL AND (person_id LIKE 'BPW-%' OR person_id LIKE 'BRW-%')"));

        // Staff reach Keycloak without any sheet: the provisioner's rate.
        long start = System.nanoTime();
        for (int i = 0; i < STAFF; i++) {
            onde.staff("BST-" + i, "Prof" + letters(i), "Banc" + letters(i), true, i % 20 == 0);
        }
        UUID staffImport = onde.completed(YEAR, false);
        TestKafka.read(TestKafka.topic(Topics.IDENTITY_EVENTS), r -> r.stream().anyMatch(x -> x.value()
                .contains(staffImport.toString())), Duration.ofSeconds(60));
        double applied = (System.nanoTime() - start) / 1e9;
        deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String synced = "kind = 'STAFF' AND keycloak_id IS NOT NULL AND synced_version >= version";
        while (count(synced) < STAFF + 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double provisioned = (System.nanoTime() - start) / 1e9;
        assertEquals(STAFF + 1, count(synced));
        System.out.printf("[bench] %d staff accounts: applied from onde.changes after %.2f s, in Keycloak (users, "
                + "roles, attributes; no password) after %.2f s: %.0f users/s%n", STAFF, applied, provisioned,
                STAFF / (provisioned - applied));
    }

    /** A class of {@link #PUPILS}, most with two responsables, some with one; returns how many responsables. */
    private static int klass(OndeEvents onde, String tag, String classId) {
        List<OndeResponsable> responsables = new ArrayList<>();
        List<OndePupil> pupils = new ArrayList<>();
        for (int i = 0; i < PUPILS; i++) {
            String first = "BR" + tag + "-" + i + "-a";
            responsables.add(OndeEvents.responsable(first, "Parent" + letters(i), tag + "famille" + letters(i)));
            List<String> links = new ArrayList<>(List.of(first));
            if (i % 5 != 0 && i % 7 != 0) {
                String second = "BR" + tag + "-" + i + "-b";
                responsables.add(OndeEvents.responsable(second, "Autre" + letters(i), tag + "famille" + letters(i)));
                links.add(second);
            }
            pupils.add(OndeEvents.pupil("BP" + tag + "-" + i, "Eleve" + letters(i), tag + "famille" + letters(i),
                    links.toArray(String[]::new)));
        }
        onde.responsables(responsables.toArray(OndeResponsable[]::new));
        onde.roster(YEAR, classId, pupils.toArray(OndePupil[]::new));
        return responsables.size();
    }

    private static void measure(String token, String classId, String round) throws Exception {
        long start = System.nanoTime();
        int pupilSheets = make(token, classId, "pupils");
        if (classId.equals("C-WARMUP")) {
            System.out.printf("[bench] %s: %.2f s%n", round, (System.nanoTime() - start) / 1e9);
            return;
        }
        double pupilSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        int parentSheets = make(token, classId, "parents");
        double parentSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[bench] connection sheets, %s: %d pupils in %.2f s, %d parents in %.2f s, %.2f s for "
                + "the class (%.0f ms a person; Keycloak hashes each password)%n", round, pupilSheets,
                pupilSeconds, parentSheets, parentSeconds, pupilSeconds + parentSeconds,
                1000 * (pupilSeconds + parentSeconds) / (pupilSheets + parentSheets));
    }

    private static int make(String token, String classId, String audience) throws Exception {
        byte[] pdf = given().auth().oauth2(token).queryParam("audience", audience).queryParam("perPage", 2)
                .post(path(classId)).then().statusCode(200).extract().asByteArray();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            int sheets = text.split("Mot de passe :", -1).length - 1;
            assertTrue(sheets > 0);
            return sheets;
        }
    }

    /**
     * The floor under the sheets: the same class's passwords set straight through Keycloak's Admin API, as many at
     * once as identity-service sets them, with nothing of identity-service around (no PDF, no database, no check).
     */
    private static void keycloakAlone(List<String> userIds) throws Exception {
        String token = KeycloakRealms.adminToken();
        String users = KeycloakRealms.url() + "/admin/realms/" + KeycloakRealmResource.realm() + "/users/";
        int parallel = Integer.getInteger("bench.sheets.parallel", 4);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (String id : userIds) {
                String body = "{\"type\":\"password\",\"temporary\":false,\"value\":\"" + Passwords.next() + "\"}";
                answers.add(pool.submit(() -> KeycloakRealms.send(HttpRequest.newBuilder(URI.create(users + id
                                + "/reset-password")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build()).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(204, answer.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("[bench] Keycloak alone: the class's %d passwords set through the Admin API, %d at a "
                    + "time, in %.2f s (%.0f ms a password): the floor under its sheets%n", userIds.size(), parallel,
                    seconds, 1000 * seconds / userIds.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> ids(String where) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT keycloak_id FROM account WHERE " + where)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private int count(String where) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT count(*) FROM account WHERE " + where)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Letters for a number (names have no digits: they would be left out of logins). */
    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }

    private static String path(String classId) {
        return "/api/classes/" + UAI + "/" + YEAR + "/" + classId + "/connection-sheets";
    }
}
