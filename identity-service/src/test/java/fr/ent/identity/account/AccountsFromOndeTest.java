package fr.ent.identity.account;

import static fr.ent.identity.onde.OndeEvents.pupil;
import static fr.ent.identity.onde.OndeEvents.responsable;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.identity.onde.OndeEvents;
import fr.ent.support.security.Roles;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestKafka;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Accounts follow ONDE (IDN-2, IDN-3): one per person with a login for good — homonyms numbered, the login kept when
 * the name changes — disabled at once when the person no longer belongs, enabled again when they come back; every
 * import marker acknowledged after what came before it, every switchover per school; what is published fits its
 * schema. Real Kafka and PostgreSQL; Keycloak is not needed here (nothing of an import waits on it).
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class AccountsFromOndeTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String UAI = "0540001H";
    private static final String YEAR = "2018-2019";
    private static final String NEXT = "2019-2020";

    @Inject
    AccountRetention retention;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void accountsAreMadeOnceAndFollowWhereTheirPeopleBelong() throws Exception {
        OndeEvents onde = new OndeEvents(UAI, "12");
        onde.school("École Jules Ferry");
        onde.responsables(responsable("RSP-1", "Marie", "Martin"), responsable("RSP-2", "Éric", "N'Diaye"));
        onde.roster(YEAR, "C-A", pupil("ELV-1", "Léa", "Martin", "RSP-1"), pupil("ELV-2", "Léa", "Martin", "RSP-1"),
                pupil("ELV-3", "Jean-Pierre", "de La Fontaine", "RSP-2"));
        onde.staff("ENS-1", "Claire", "Dubois", true, false);
        onde.staff("DIR-1", "Paul", "Lefèvre", true, true);
        UUID first = onde.completed(YEAR, true);
        ConsumerRecord<String, String> ack = acknowledgement(EventTypes.IDENTITY_IMPORT_APPLIED, first.toString());
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.IDENTITY_IMPORT_APPLIED, ack.value()));

        // A new account is made with its schools and roles, written once (not made, then updated by the refresh).
        assertEquals("1 {" + UAI + "} {eleve}", account("ELV-1"));
        assertEquals("1 {" + UAI + "} {parent}", account("RSP-2"));
        assertEquals("1 {" + UAI + "} {directeur,enseignant}", account("DIR-1"));
        assertEquals("1 {" + UAI + "} {enseignant}", account("ENS-1"));

        // Homonyms are numbered in the order of their ONDE ids; compound names and apostrophes are handled.
        assertEquals("lea.martin", me("ELV-1", Roles.ELEVE).getString("login"));
        assertEquals("lea.martin2", me("ELV-2", Roles.ELEVE).getString("login"));
        assertEquals("jean-pierre.de-la-fontaine", me("ELV-3", Roles.ELEVE).getString("login"));
        assertEquals("eric.ndiaye", me("RSP-2", Roles.PARENT).getString("login"));
        assertEquals("PARENT", me("RSP-1", Roles.PARENT).getString("kind"));
        assertEquals("paul.lefevre", me("DIR-1", Roles.DIRECTEUR).getString("login"));
        assertEquals("ACTIVE", me("DIR-1", Roles.DIRECTEUR).getString("state"));

        List<ConsumerRecord<String, String>> created = events(EventTypes.IDENTITY_ACCOUNTS_CREATED);
        assertEquals(7, created.stream().mapToInt(r -> accounts(r).size()).sum(), "one account per person");
        created.forEach(r -> assertEquals(Set.of(), EventSchemas.violations(EventTypes.IDENTITY_ACCOUNTS_CREATED,
                r.value())));

        // The next import: ELV-1 is renamed (the login stays), ELV-3 leaves, a new Léa Martin comes, RSP-2 has no
        // eligible child any more.
        onde.roster(YEAR, "C-A", pupil("ELV-1", "Léa", "Durand", "RSP-1"), pupil("ELV-2", "Léa", "Martin", "RSP-1"),
                pupil("ELV-4", "Léa", "Martin", "RSP-1"));
        onde.pupilLeft(YEAR, "ELV-3");
        onde.responsableRemoved("RSP-2");
        UUID second = onde.completed(YEAR, false);
        acknowledgement(EventTypes.IDENTITY_IMPORT_APPLIED, second.toString());
        assertEquals("lea.martin", me("ELV-1", Roles.ELEVE).getString("login"), "a login never changes");
        assertEquals("lea.martin3", me("ELV-4", Roles.ELEVE).getString("login"));
        assertEquals("DISABLED", me("ELV-3", Roles.ELEVE).getString("state"));
        assertEquals("DISABLED", me("RSP-2", Roles.PARENT).getString("state"));
        List<ConsumerRecord<String, String>> disabled = events(EventTypes.IDENTITY_ACCOUNTS_DISABLED);
        assertEquals(Set.of("ELV-3", "RSP-2"), disabled.stream().flatMap(r -> accounts(r).stream())
                .map(a -> a.get("personId").asText()).collect(java.util.stream.Collectors.toSet()));
        disabled.forEach(r -> assertEquals(Set.of(), EventSchemas.violations(EventTypes.IDENTITY_ACCOUNTS_DISABLED,
                r.value())));

        // ELV-3 comes back before the retention ends: the same account, enabled again.
        onde.roster(YEAR, "C-B", pupil("ELV-3", "Jean-Pierre", "de La Fontaine"));
        UUID third = onde.completed(YEAR, false);
        acknowledgement(EventTypes.IDENTITY_IMPORT_APPLIED, third.toString());
        assertEquals("ACTIVE", me("ELV-3", Roles.ELEVE).getString("state"));
        assertEquals("jean-pierre.de-la-fontaine", me("ELV-3", Roles.ELEVE).getString("login"));
        ConsumerRecord<String, String> enabled = events(EventTypes.IDENTITY_ACCOUNTS_ENABLED).get(0);
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.IDENTITY_ACCOUNTS_ENABLED, enabled.value()));

        // The switchover keeps every account and acknowledges the school once, with the sheets now due.
        UUID switchover = UUID.randomUUID();
        YearSwitched switched = new YearSwitched(switchover, "12", YEAR, NEXT, Instant.now());
        for (int delivery = 0; delivery < 2; delivery++) {
            TestKafka.sendEvent(TestKafka.topic(Topics.YEAR_SWITCHED), "12", UUID.randomUUID(),
                    EventTypes.ROLLOVER_YEAR_SWITCHED, JSON.writeValueAsString(switched));
        }
        ConsumerRecord<String, String> switchAck = acknowledgement(EventTypes.IDENTITY_YEAR_SWITCH_APPLIED,
                switchover.toString());
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.IDENTITY_YEAR_SWITCH_APPLIED, switchAck.value()));
        JsonNode counts = JSON.readTree(switchAck.value());
        assertEquals(4, counts.get("pupilAccounts").asInt());
        assertEquals(1, counts.get("parentAccounts").asInt());
        // The same school of the same switchover is acknowledged once, though the event came twice.
        Thread.sleep(1000);
        assertEquals(1, events(EventTypes.IDENTITY_YEAR_SWITCH_APPLIED).stream()
                .filter(r -> r.value().contains(switchover.toString())).count());

        // The new year's complete export without ELV-2: disabled, as the rosters of last year no longer count.
        onde.roster(NEXT, "C-N", pupil("ELV-1", "Léa", "Durand", "RSP-1"), pupil("ELV-3", "Jean-Pierre",
                "de La Fontaine"), pupil("ELV-4", "Léa", "Martin", "RSP-1"));
        UUID fourth = onde.completed(NEXT, true);
        acknowledgement(EventTypes.IDENTITY_IMPORT_APPLIED, fourth.toString());
        assertEquals("DISABLED", me("ELV-2", Roles.ELEVE).getString("state"));
        assertEquals("ACTIVE", me("ELV-1", Roles.ELEVE).getString("state"));

        // Past the retention, disabled accounts are deleted; their logins are never given again.
        int deleted = retention.purge(Instant.now().plusSeconds(1));
        assertEquals(2, deleted, "the disabled ones: ELV-2 and RSP-2");
        assertEquals("DELETED", me("ELV-2", Roles.ELEVE).getString("state"));
        ConsumerRecord<String, String> gone = events(EventTypes.IDENTITY_ACCOUNTS_DELETED).get(0);
        assertEquals(Set.of(), EventSchemas.violations(EventTypes.IDENTITY_ACCOUNTS_DELETED, gone.value()));
        onde.roster(NEXT, "C-N", pupil("ELV-1", "Léa", "Durand", "RSP-1"), pupil("ELV-3", "Jean-Pierre",
                "de La Fontaine"), pupil("ELV-4", "Léa", "Martin", "RSP-1"), pupil("ELV-5", "Léa", "Martin"));
        acknowledgement(EventTypes.IDENTITY_IMPORT_APPLIED, onde.completed(NEXT, true).toString());
        assertEquals("lea.martin4", me("ELV-5", Roles.ELEVE).getString("login"),
                "lea.martin2 belonged to a deleted account: never given again");
    }

    /** An account's version, schools and roles, as PostgreSQL writes them. */
    private String account(String personId) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection(); java.sql.PreparedStatement query =
                connection.prepareStatement("SELECT version || ' ' || uais::text || ' ' || roles::text FROM account "
                        + "WHERE person_id = ?")) {
            query.setString(1, personId);
            try (java.sql.ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static JsonPath me(String personId, String role) {
        return given().auth().oauth2(TestTokens.sign(new TestUser(personId.toLowerCase(), personId, Set.of(role),
                List.of(UAI)))).get("/api/me").then().statusCode(200).extract().jsonPath();
    }

    private static ConsumerRecord<String, String> acknowledgement(String type, String naming) {
        List<ConsumerRecord<String, String>> acks = TestKafka.read(TestKafka.topic(Topics.IDENTITY_EVENTS),
                r -> r.stream().anyMatch(x -> type.equals(TestKafka.header(x, "ce_type")) && x.value().contains(naming)),
                WITHIN).stream().filter(x -> type.equals(TestKafka.header(x, "ce_type")) && x.value().contains(naming))
                .toList();
        assertTrue(!acks.isEmpty(), "no " + type + " naming " + naming + " within " + WITHIN);
        return acks.get(0);
    }

    private static List<ConsumerRecord<String, String>> events(String type) {
        return TestKafka.read(TestKafka.topic(Topics.IDENTITY_EVENTS), r -> false, Duration.ofSeconds(2)).stream()
                .filter(x -> type.equals(TestKafka.header(x, "ce_type"))).toList();
    }

    private static List<JsonNode> accounts(ConsumerRecord<String, String> record) {
        try {
            List<JsonNode> list = new java.util.ArrayList<>();
            JSON.readTree(record.value()).get("accounts").forEach(list::add);
            return list;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
