package fr.ent.identity.sheet;

import static fr.ent.identity.onde.OndeEvents.pupil;
import static fr.ent.identity.onde.OndeEvents.responsable;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.identity.onde.OndeEvents;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * IDN-4, IDN-5, IDN-6 against a real Keycloak (a realm of the test's own), Kafka and PostgreSQL. A class with two
 * pupils who already had a sheet and two who never had one: the first two keep their login and get a new password
 * (the old one refused by Keycloak's token endpoint, the new one accepted), the other two get an account that logs
 * in; the parents likewise, a parent of two pupils of the class on one sheet. A teacher of another class gets 403.
 * No password is in clear in the database, a log or a Kafka topic of the run.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
@WithTestResource(KeycloakRealmResource.class)
@EnabledIfEnvironmentVariable(named = "ENT_KEYCLOAK_URL", matches = ".+",
        disabledReason = "needs the stack's Keycloak: run with ./ent test")
class ConnectionSheetsTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UAI = "0540002J";
    private static final String YEAR = "2018-2019";
    private static final Pattern SHEET = Pattern.compile("Identifiant :\\s*(\\S+)\\s*Mot de passe :\\s*(\\S+)");
    private static final ConcurrentLinkedQueue<String> LOGS = new ConcurrentLinkedQueue<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder all = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    all.append(' ').append(p);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                all.append(' ').append(t);
            }
            LOGS.add(all.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void releaseLogs() {
        java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Test
    void sheetsKeepLoginsRenewPasswordsAndMakeAccountsThatLogIn() throws Exception {
        OndeEvents onde = new OndeEvents(UAI, "12");
        onde.school("École Pasteur");
        onde.responsables(responsable("R-1", "Marie", "Curie"), responsable("R-2", "Ada", "Lovelace"),
                responsable("R-3", "Alan", "Turing"));
        onde.staff("ENS-1", "Claire", "Dubois", true, false);
        onde.staff("ENS-2", "Hugo", "Marchand", true, false);
        onde.staff("DIR-1", "Paul", "Lefèvre", true, true);
        // Somebody else holds "sophie.germain" in Keycloak already: never taken over, the account waits with a reason.
        KeycloakRealmResource.createUser("sophie.germain", "SOMEBODY-ELSE");
        onde.staff("ENS-3", "Sophie", "Germain", true, false);
        onde.roster(YEAR, "C-0", pupil("P-1", "Irène", "Curie", "R-1"), pupil("P-2", "Ève", "Curie", "R-1"));
        await(onde.completed(YEAR, true));

        // Last year's class of P-1 and P-2: the directeur gave them and their mother sheets.
        Map<String, String> before = sheets(directeur(), "C-0", "pupils", 1, 200);
        assertEquals(2, before.size());
        Map<String, String> parentBefore = sheets(directeur(), "C-0", "parents", 1, 200);
        assertEquals(Set.of("marie.curie"), parentBefore.keySet());
        before.forEach((login, password) -> assertEquals(200, KeycloakRealmResource.loginExpectingSuccess(login,
                password).statusCode()));

        // Now they are in C-1 with two pupils who never had an account, and ENS-1 teaches it.
        onde.classRemoved(YEAR, "C-0");
        onde.roster(YEAR, "C-1", pupil("P-1", "Irène", "Curie", "R-1"), pupil("P-2", "Ève", "Curie", "R-1"),
                pupil("P-3", "Grace", "Hopper", "R-2"), pupil("P-4", "Lise", "Meitner", "R-3"));
        await(onde.completed(YEAR, false));
        teacherOf("ENS-1", "C-1");
        teacherOf("ENS-2", "C-9");
        org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> given().auth().oauth2(teacher("ENS-1"))
                .get(path("C-1")).statusCode() == 200);

        // A teacher of another class, and a directeur of another school: 403, as a problem.
        given().auth().oauth2(teacher("ENS-2")).queryParam("audience", "pupils").post(path("C-1")).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.sign(new TestUser("dir.other", "DIR-9", Set.of(Roles.DIRECTEUR),
                List.of("0540003K")))).queryParam("audience", "pupils").post(path("C-1")).then().statusCode(403);
        given().auth().oauth2(teacher("ENS-1")).queryParam("audience", "everybody").post(path("C-1")).then()
                .statusCode(400).contentType("application/problem+json");

        Map<String, String> pupils = sheets(teacher("ENS-1"), "C-1", "pupils", 2, 200);
        assertEquals(4, pupils.size());
        for (String login : before.keySet()) {
            assertTrue(pupils.containsKey(login), login + " keeps its login");
            assertNotEquals(before.get(login), pupils.get(login));
            assertEquals(401, KeycloakRealmResource.login(login, before.get(login)).statusCode(),
                    "the old password of " + login + " is refused");
        }
        for (Map.Entry<String, String> sheet : pupils.entrySet()) {
            Response token = KeycloakRealmResource.loginResponse(sheet.getKey(), sheet.getValue());
            assertEquals(200, token.statusCode(), sheet.getKey() + " logs in with the sheet's password");
        }
        assertTrue(pupils.containsKey("grace.hopper") && pupils.containsKey("lise.meitner"));
        Map<String, Object> claims = claims(KeycloakRealmResource.loginResponse("grace.hopper",
                pupils.get("grace.hopper")).jsonPath().getString("access_token"));
        assertEquals("P-3", claims.get("person_id"));
        assertEquals(List.of(UAI), claims.get("uai"));
        assertTrue(((Map<?, ?>) claims.get("realm_access")).get("roles").toString().contains(Roles.ELEVE));

        Map<String, String> parents = sheets(teacher("ENS-1"), "C-1", "parents", 4, 200);
        assertEquals(Set.of("marie.curie", "ada.lovelace", "alan.turing"), parents.keySet(),
                "one sheet for the mother of two pupils of the class");
        assertEquals(401, KeycloakRealmResource.login("marie.curie", parentBefore.get("marie.curie")).statusCode());
        parents.forEach((login, password) -> assertEquals(200, KeycloakRealmResource.loginExpectingSuccess(login,
                password).statusCode(), login));

        // The record: who made which sheets, for whom, first or renewed.
        List<Map<String, Object>> made = given().auth().oauth2(directeur()).get(path("C-1")).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(2, made.size());
        assertEquals("PARENTS", made.get(0).get("audience"));
        assertEquals("ENS-1", made.get(0).get("madeBy"));
        assertEquals(2, made.get(0).get("created"));
        assertEquals(1, made.get(0).get("renewed"));
        assertEquals(2, made.get(1).get("created"));
        assertEquals(2, made.get(1).get("renewed"));

        // Staff are in Keycloak without any sheet (the provisioner), with the version of their account it has.
        org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM account WHERE "
                + "person_id IN ('ENS-1', 'ENS-2', 'DIR-1') AND keycloak_id IS NOT NULL AND synced_version >= version AND sync_error IS NULL") == 3);
        assertEquals(1, count("SELECT count(*) FROM account WHERE person_id = 'ENS-3' AND keycloak_id IS NULL "
                + "AND synced_version < version AND sync_error LIKE '%exists for another person (SOMEBODY-ELSE)%'"),
                "a username somebody else holds is not taken over");

        List<String> passwords = new ArrayList<>(before.values());
        passwords.addAll(parentBefore.values());
        passwords.addAll(pupils.values());
        passwords.addAll(parents.values());
        assertNoPasswordIn(passwords);
    }

    private int count(String query) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void assertNoPasswordIn(List<String> passwords) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            assertTrue(tables.contains("account") && tables.contains("sheet_batch"), tables.toString());
            for (String table : tables) {
                for (String password : passwords) {
                    try (PreparedStatement search = c.prepareStatement("SELECT count(*) FROM \"" + table
                            + "\" t WHERE t::text LIKE ?")) {
                        search.setString(1, "%" + password + "%");
                        try (ResultSet found = search.executeQuery()) {
                            found.next();
                            assertEquals(0, found.getInt(1), "a password in clear in table " + table);
                        }
                    }
                }
            }
        }
        assertTrue(LOGS.stream().anyMatch(l -> l.contains("connection sheets")), "the capture saw the service's logs");
        for (String line : LOGS) {
            passwords.forEach(p -> assertFalse(line.contains(p), "a password in clear in a log line: " + line));
        }
        String keycloakLog = System.getenv("ENT_STACK_HOME");
        if (keycloakLog != null && Files.isReadable(Path.of(keycloakLog, "logs", "keycloak.log"))) {
            String log = Files.readString(Path.of(keycloakLog, "logs", "keycloak.log"), StandardCharsets.UTF_8);
            passwords.forEach(p -> assertFalse(log.contains(p), "a password in clear in Keycloak's log"));
        }
        String namespace = ConfigProvider.getConfig().getValue("ent.kafka.namespace", String.class);
        List<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(namespace)).toList();
        }
        assertTrue(topics.contains(namespace + Topics.IDENTITY_EVENTS), topics.toString());
        for (String topic : topics) {
            for (ConsumerRecord<String, String> record : TestKafka.read(topic, r -> false, Duration.ofSeconds(2))) {
                StringBuilder all = new StringBuilder(String.valueOf(record.key())).append(record.value());
                for (Header h : record.headers()) {
                    all.append(new String(h.value(), StandardCharsets.UTF_8));
                }
                passwords.forEach(p -> assertFalse(all.toString().contains(p), "a password in clear on " + topic));
            }
        }
    }

    /** Makes a class's sheets and reads login → password from the PDF, the only place the passwords are. */
    private static Map<String, String> sheets(String token, String classId, String audience, int perPage, int status)
            throws IOException {
        byte[] pdf = given().auth().oauth2(token).queryParam("audience", audience).queryParam("perPage", perPage)
                .post(path(classId)).then().statusCode(status).contentType("application/pdf").extract().asByteArray();
        // Kept beside the test's reports, to be looked at (nothing else reads them).
        Files.write(Path.of("target", "sheets-" + classId + "-" + audience + "-" + perPage + ".pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals((int) Math.ceil(countSheets(document) / (double) perPage), document.getNumberOfPages());
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Fiche de connexion à l'ENT") && text.contains("Première connexion"), text);
            Map<String, String> sheets = new LinkedHashMap<>();
            Matcher m = SHEET.matcher(text);
            while (m.find()) {
                sheets.put(m.group(1), m.group(2));
            }
            return sheets;
        }
    }

    private static int countSheets(PDDocument document) throws IOException {
        Matcher m = SHEET.matcher(new PDFTextStripper().getText(document));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void await(UUID importId) {
        List<ConsumerRecord<String, String>> acks = TestKafka.read(TestKafka.topic(Topics.IDENTITY_EVENTS),
                r -> r.stream().anyMatch(x -> x.value().contains(importId.toString())), WITHIN);
        assertTrue(acks.stream().anyMatch(x -> x.value().contains(importId.toString())), "import " + importId
                + " not acknowledged");
    }

    private static void teacherOf(String teacher, String classId) throws IOException {
        TestKafka.sendEvent(TestKafka.topic(Topics.CLASS_EVENTS), UAI, UUID.randomUUID(),
                EventTypes.CLASS_TEACHER_ASSIGNED, JSON.writeValueAsString(new TeacherAssigned(UAI, YEAR, classId,
                        teacher, List.of())));
    }

    private static String path(String classId) {
        return "/api/classes/" + UAI + "/" + YEAR + "/" + classId + "/connection-sheets";
    }

    private static String teacher(String personId) {
        return TestTokens.sign(new TestUser(personId.toLowerCase(), personId, Set.of(Roles.ENSEIGNANT), List.of(UAI)));
    }

    private static String directeur() {
        return TestTokens.sign(new TestUser("dir-1", "DIR-1", Set.of(Roles.DIRECTEUR, Roles.ENSEIGNANT), List.of(UAI)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String jwt) throws IOException {
        return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
    }
}
