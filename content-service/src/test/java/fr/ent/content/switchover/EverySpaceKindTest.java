package fr.ent.content.switchover;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.retention.Application;
import fr.ent.content.retention.Fate;
import fr.ent.content.retention.RetentionMatrix;
import fr.ent.content.retention.SpaceKind;
import fr.ent.content.TestContent;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.PartnershipChanged;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.contracts.classes.WorkGroupChanged;
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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * CNT-1 and CLS-4, every cell of the matrix: an item of every application in a space of every kind — class, work
 * group, partnership between classes of two schools, départementale partnership, school, town, personal — made
 * through the API before the switchover; afterwards each is kept where it was, recoverable by exactly the teachers
 * the matrix names, or gone from the database; the preview of each school is what happened; who reads and who
 * manages each kind of space is tried before and after.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class EverySpaceKindTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String ACADEMY = "55";
    private static final String SCHOOL = "0550001C";
    private static final String OTHER = "0550002D";
    private static final String DEPARTMENTAL = "0550003E";
    private static final String FROM = "2020-2021";
    private static final String TO = "2021-2022";

    /** T1 and T2 teach class C of SCHOOL (and its group); T3 teaches CO of OTHER; T4 teaches CD of DEPARTMENTAL. */
    private final String t1 = token("EK-T1", Roles.ENSEIGNANT, SCHOOL);
    private final String t2 = token("EK-T2", Roles.ENSEIGNANT, SCHOOL);
    private final String t3 = token("EK-T3", Roles.ENSEIGNANT, OTHER);
    private final String p1 = token("EK-P1", Roles.ELEVE, SCHOOL);
    private final String r1 = token("EK-R1", Roles.PARENT, SCHOOL);
    private final String p2 = token("EK-P2", Roles.ELEVE, OTHER);
    private final String strangerParent = token("EK-R9", Roles.PARENT, SCHOOL);
    private final String directeur = token("EK-DIR", Roles.DIRECTEUR, SCHOOL);
    private final String departmentalDirecteur = token("EK-DIR-D", Roles.DIRECTEUR, DEPARTMENTAL);
    private final String rectorat = TestTokens.sign(TestUser.rectoratOf(ACADEMY));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyCellOfTheMatrixIsKeptArchivedForTheRightTeachersOrDeleted() throws Exception {
        school(SCHOOL, false);
        school(OTHER, false);
        school(DEPARTMENTAL, true);
        roster(SCHOOL, "C", "EK-P1", "EK-R1");
        roster(OTHER, "CO", "EK-P2", "EK-R2");
        roster(DEPARTMENTAL, "CD", "EK-P4", "EK-R4");
        teacher(SCHOOL, "C", "EK-T1");
        teacher(SCHOOL, "C", "EK-T2");
        teacher(OTHER, "CO", "EK-T3");
        teacher(DEPARTMENTAL, "CD", "EK-T4");
        String groupId = UUID.randomUUID().toString();
        send(SCHOOL, EventTypes.CLASS_WORK_GROUP, new WorkGroupChanged(groupId, SCHOOL, FROM, "Chorale",
                List.of("EK-P1"), List.of("EK-T1", "EK-T2"), false));
        String partnershipId = UUID.randomUUID().toString();
        send(SCHOOL, EventTypes.CLASS_PARTNERSHIP, new PartnershipChanged(partnershipId, "EKCLASS1", "Correspondance",
                SCHOOL, FROM, false, List.of(member(SCHOOL, "C"), member(OTHER, "CO")), false));
        String departmentalId = UUID.randomUUID().toString();
        send(DEPARTMENTAL, EventTypes.CLASS_PARTNERSHIP, new PartnershipChanged(departmentalId, "EKDEP001",
                "Rallye lecture", DEPARTMENTAL, FROM, true, List.of(member(DEPARTMENTAL, "CD"), member(SCHOOL, "C")),
                false));
        String town = given().auth().oauth2(rectorat).contentType(ContentType.JSON)
                .body("{\"code\":\"55545\",\"name\":\"Verdun\"}").post("/api/towns").then().statusCode(201)
                .body("kind", equalTo("TOWN")).extract().path("id");
        given().auth().oauth2(rectorat).contentType(ContentType.JSON).body("{\"code\":\"55545\",\"name\":\"Verdun\"}")
                .post("/api/towns").then().statusCode(409).body("field", equalTo("code"));
        given().auth().oauth2(rectorat).contentType(ContentType.JSON).body("{\"code\":\"5439\",\"name\":\"Nancy\"}")
                .post("/api/towns").then().statusCode(400);
        given().auth().oauth2(t1).contentType(ContentType.JSON).body("{\"code\":\"55546\",\"name\":\"Ailleurs\"}")
                .post("/api/towns").then().statusCode(403);

        Map<SpaceKind, String> spaces = new EnumMap<>(SpaceKind.class);
        spaces.put(SpaceKind.CLASS, await().atMost(WITHIN).until(() -> spaceOf(t1, "C"), id -> id != null));
        spaces.put(SpaceKind.WORK_GROUP, await().atMost(WITHIN).until(() -> spaceOf(p1, groupId), id -> id != null));
        spaces.put(SpaceKind.CLASS_PARTNERSHIP, await().atMost(WITHIN).until(() -> spaceOf(p2, partnershipId),
                id -> id != null));
        spaces.put(SpaceKind.DEPARTMENTAL_PARTNERSHIP, await().atMost(WITHIN).until(() -> spaceOf(t1, departmentalId),
                id -> id != null));
        spaces.put(SpaceKind.SCHOOL, await().atMost(WITHIN).until(() -> spaceOf(t1, SCHOOL), id -> id != null));
        spaces.put(SpaceKind.TOWN, town);
        spaces.put(SpaceKind.PERSONAL, given().auth().oauth2(t1).get("/api/me/spaces").then().statusCode(200).extract()
                .jsonPath().getString("find { it.space.kind == 'PERSONAL' }.space.id"));
        await().atMost(WITHIN).until(() -> spaceOf(t3, partnershipId) != null && spaceOf(t2, groupId) != null);

        // Who reads and who manages, before the switchover.
        reads(p1, spaces.get(SpaceKind.WORK_GROUP), spaces.get(SpaceKind.CLASS_PARTNERSHIP),
                spaces.get(SpaceKind.DEPARTMENTAL_PARTNERSHIP), spaces.get(SpaceKind.SCHOOL), town);
        reads(r1, spaces.get(SpaceKind.CLASS), spaces.get(SpaceKind.CLASS_PARTNERSHIP), spaces.get(SpaceKind.SCHOOL));
        reads(p2, spaces.get(SpaceKind.CLASS_PARTNERSHIP), town);
        for (SpaceKind kind : List.of(SpaceKind.CLASS, SpaceKind.WORK_GROUP, SpaceKind.SCHOOL, SpaceKind.PERSONAL)) {
            items(p2, spaces.get(kind)).then().statusCode(404);
        }
        for (SpaceKind kind : List.of(SpaceKind.CLASS, SpaceKind.WORK_GROUP, SpaceKind.CLASS_PARTNERSHIP)) {
            items(strangerParent, spaces.get(kind)).then().statusCode(404);
        }
        create(p1, spaces.get(SpaceKind.SCHOOL), Application.BLOG).then().statusCode(403);
        create(p1, spaces.get(SpaceKind.WORK_GROUP), Application.BLOG).then().statusCode(403);
        create(t1, town, Application.PORTAIL_DE_LA_COMMUNE).then().statusCode(403);
        create(t2, spaces.get(SpaceKind.PERSONAL), Application.MESSAGERIE).then().statusCode(404);

        // One item of every application in every kind of space it has, by T1 (a town's by the rectorat); a blog
        // article of the class partnership by T3, the other school's teacher. Where the matrix has no cell: 400.
        Map<SpaceKind, Map<Application, String>> made = new EnumMap<>(SpaceKind.class);
        for (SpaceKind kind : SpaceKind.values()) {
            String author = kind == SpaceKind.TOWN ? rectorat : t1;
            Map<Application, String> items = new EnumMap<>(Application.class);
            for (Application application : Application.values()) {
                if (RetentionMatrix.fate(application, kind).isEmpty()) {
                    create(author, spaces.get(kind), application).then().statusCode(400).body("field",
                            equalTo("application"));
                } else {
                    items.put(application, create(author, spaces.get(kind), application, title(application, kind))
                            .then().statusCode(201).extract().path("id"));
                }
            }
            made.put(kind, items);
        }
        create(t3, spaces.get(SpaceKind.CLASS_PARTNERSHIP), Application.BLOG, "par T3").then().statusCode(201);
        int cells = made.values().stream().mapToInt(Map::size).sum();
        assertEquals(RetentionMatrix.asMap().values().stream().mapToInt(Map::size).sum(), cells, "every cell tried");

        // The search finds what each may read, and only that.
        Set<String> readByP1 = Set.of(spaces.get(SpaceKind.CLASS), spaces.get(SpaceKind.WORK_GROUP),
                spaces.get(SpaceKind.CLASS_PARTNERSHIP), spaces.get(SpaceKind.DEPARTMENTAL_PARTNERSHIP),
                spaces.get(SpaceKind.SCHOOL), town);
        assertEquals(readByP1, searched(p1, "texte"));
        assertEquals(Set.of(spaces.get(SpaceKind.SCHOOL), town), searched(strangerParent, "texte"));
        assertEquals(Set.of(spaces.get(SpaceKind.CLASS_PARTNERSHIP), town), searched(p2, "texte"));
        assertTrue(searched(t1, "texte").contains(spaces.get(SpaceKind.PERSONAL)));
        given().auth().oauth2(p1).get("/api/search?q=").then().statusCode(400);
        given().auth().oauth2(p1).queryParam("q", "A\u0000B").get("/api/search").then().statusCode(400)
                .body("field", equalTo("q"));

        Map<String, JsonNode> previews = new HashMap<>();
        for (String uai : List.of(SCHOOL, OTHER, DEPARTMENTAL)) {
            previews.put(uai, JSON.readTree(given().auth().oauth2(rectorat).get("/api/schools/" + uai
                    + "/switchover-preview?fromYear=" + FROM).then().statusCode(200).extract().asString()).get("counts"));
        }
        // The académie's preview is its schools' together; another académie's rectorat does not see it.
        JsonNode academy = JSON.readTree(given().auth().oauth2(rectorat).get("/api/academies/" + ACADEMY
                + "/switchover-preview?fromYear=" + FROM).then().statusCode(200).body("schools", equalTo(3)).extract()
                .asString()).get("counts");
        Map<String, List<Integer>> summed = new java.util.TreeMap<>();
        previews.values().forEach(counts -> counts.fields().forEachRemaining(e -> summed.merge(e.getKey(), List.of(
                e.getValue().get("kept").asInt(), e.getValue().get("archived").asInt(), e.getValue().get("deleted")
                        .asInt()), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2)))));
        Map<String, List<Integer>> academyCounts = new java.util.TreeMap<>();
        academy.fields().forEachRemaining(e -> academyCounts.put(e.getKey(), List.of(e.getValue().get("kept").asInt(),
                e.getValue().get("archived").asInt(), e.getValue().get("deleted").asInt())));
        assertEquals(summed, academyCounts);
        given().auth().oauth2(TestTokens.sign(TestUser.rectoratOf("17"))).get("/api/academies/" + ACADEMY
                + "/switchover-preview?fromYear=" + FROM).then().statusCode(403);
        given().auth().oauth2(directeur).get("/api/academies/" + ACADEMY + "/switchover-preview?fromYear=" + FROM)
                .then().statusCode(403);
        assertEquals(3, JSON.readTree(given().auth().oauth2(directeur).get("/api/schools/" + SCHOOL
                + "/switchover-preview?fromYear=" + FROM).then().statusCode(200).extract().asString()).get("spaces")
                .asInt(), "the class, its group and the partnership it owns");

        UUID switchover = UUID.randomUUID();
        send(ACADEMY, Topics.YEAR_SWITCHED, EventTypes.ROLLOVER_YEAR_SWITCHED,
                JSON.writeValueAsString(new YearSwitched(switchover, ACADEMY, FROM, TO, Instant.now())));
        Map<String, JsonNode> acks = acknowledgements(switchover, 3);
        for (String uai : previews.keySet()) {
            assertEquals(Set.of(), EventSchemas.violations(EventTypes.CONTENT_YEAR_SWITCH_APPLIED, acks.get(uai).toString()));
            assertEquals(previews.get(uai), acks.get(uai).get("counts"), uai + ": the preview is what happened");
        }
        assertEquals(3, acks.get(SCHOOL).get("spacesClosed").asInt(), "class, group, class partnership");
        assertEquals(1, acks.get(DEPARTMENTAL).get("spacesClosed").asInt(), "its class, not the partnership");

        // Every cell after the switchover.
        Map<String, List<String>> recoverable1 = recoverableTitles(t1);
        Map<String, List<String>> recoverable2 = recoverableTitles(t2);
        Map<String, List<String>> recoverable3 = recoverableTitles(t3);
        for (SpaceKind kind : SpaceKind.values()) {
            for (Map.Entry<Application, String> item : made.get(kind).entrySet()) {
                Application application = item.getKey();
                String cell = application + " in " + kind;
                Fate fate = RetentionMatrix.fate(application, kind).orElseThrow();
                String title = title(application, kind);
                boolean toEveryTeacher = fate == Fate.ARCHIVE && !RetentionMatrix.creatorOnly(application);
                assertEquals(fate == Fate.ARCHIVE, has(recoverable1, application, title), cell + ": for T1, its creator");
                assertEquals(toEveryTeacher && kind != SpaceKind.TOWN && kind != SpaceKind.SCHOOL, has(recoverable2,
                        application, title), cell + ": for T2, a teacher of the class and group");
                assertEquals(toEveryTeacher && kind == SpaceKind.CLASS_PARTNERSHIP, has(recoverable3, application, title),
                        cell + ": for T3, a teacher of the partnership's other class");
                assertEquals(fate == Fate.KEEP, itemExists(item.getValue()), cell + ": the item itself");
                if (fate == Fate.KEEP) {
                    String reader = switch (kind) {
                        case DEPARTMENTAL_PARTNERSHIP -> departmentalDirecteur;
                        case TOWN -> p1;
                        default -> t1;
                    };
                    given().auth().oauth2(reader).get("/api/spaces/" + spaces.get(kind) + "/items/" + item.getValue())
                            .then().statusCode(200).body("title", equalTo(title));
                }
            }
        }
        assertTrue(has(recoverable1, Application.BLOG, "par T3") && has(recoverable2, Application.BLOG, "par T3")
                && has(recoverable3, Application.BLOG, "par T3"), "T3's article of the partnership, for its teachers");

        // CNT-6: the closed spaces are gone for everybody, whichever way they ask; the kept ones stay.
        Map<SpaceKind, List<String>> formerMembers = Map.of(SpaceKind.CLASS, List.of(p1, r1, t1, t2, directeur),
                SpaceKind.WORK_GROUP, List.of(p1, t1, t2, directeur),
                SpaceKind.CLASS_PARTNERSHIP, List.of(p1, r1, t1, t2, t3, p2, directeur));
        for (Map.Entry<SpaceKind, List<String>> closed : formerMembers.entrySet()) {
            String space = spaces.get(closed.getKey());
            String anyItem = made.get(closed.getKey()).values().iterator().next();
            for (String who : closed.getValue()) {
                items(who, space).then().statusCode(410);
                given().auth().oauth2(who).get("/api/spaces/" + space + "/items/" + anyItem).then().statusCode(410);
                create(who, space, Application.BLOG).then().statusCode(410);
            }
            items(strangerParent, space).then().statusCode(404);
            // Through every application's own endpoints too.
            for (String path : List.of("/media", "/blog/categories", "/blog/pdf")) {
                given().auth().oauth2(p1).get("/api/spaces/" + space + path).then().statusCode(410);
            }
        }
        assertEquals(Set.of(spaces.get(SpaceKind.SCHOOL), town), searched(p1, "texte"), "nothing closed is found");
        assertEquals(Set.of(spaces.get(SpaceKind.SCHOOL), town), searched(r1, "texte"));
        JsonPath mine = given().auth().oauth2(p1).get("/api/me/spaces").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("SCHOOL"), mine.getList("findAll { it.space.kind != 'PERSONAL' }.space.kind"),
                "the pupil's school space only, until the new year's rosters");
        items(p1, spaces.get(SpaceKind.DEPARTMENTAL_PARTNERSHIP)).then().statusCode(404);
        items(departmentalDirecteur, spaces.get(SpaceKind.DEPARTMENTAL_PARTNERSHIP)).then().statusCode(200);

        // The new year: the école départementale's partnership takes the new class, whose members read what it kept.
        roster(SCHOOL, "C2", TO, "EK-P1", "EK-R1");
        send(DEPARTMENTAL, EventTypes.CLASS_PARTNERSHIP, new PartnershipChanged(departmentalId, "EKDEP001",
                "Rallye lecture", DEPARTMENTAL, FROM, true, List.of(member(SCHOOL, "C2", TO)), false));
        await().atMost(WITHIN).untilAsserted(() -> items(p1, spaces.get(SpaceKind.DEPARTMENTAL_PARTNERSHIP)).then()
                .statusCode(200).body("size()", equalTo(made.get(SpaceKind.DEPARTMENTAL_PARTNERSHIP).size())));

        // The same switchover again does nothing more.
        send(ACADEMY, Topics.YEAR_SWITCHED, EventTypes.ROLLOVER_YEAR_SWITCHED,
                JSON.writeValueAsString(new YearSwitched(switchover, ACADEMY, FROM, TO, Instant.now())));
        await().during(Duration.ofSeconds(3)).atMost(WITHIN).until(() -> recoverableTitles(t1).equals(recoverable1));
        assertFalse(recoverable1.isEmpty());
    }

    /** The spaces of what the caller's search finds. */
    private static Set<String> searched(String token, String words) {
        return Set.copyOf(given().auth().oauth2(token).queryParam("q", words).queryParam("limit", 200).get("/api/search").then().statusCode(200)
                .extract().jsonPath().getList("hits.spaceId", String.class));
    }

    private static String title(Application application, SpaceKind kind) {
        return application + " / " + kind;
    }

    private static boolean has(Map<String, List<String>> recoverable, Application application, String title) {
        return recoverable.getOrDefault(application.name(), List.of()).contains(title);
    }

    private boolean itemExists(String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM content_item WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void reads(String token, String... spaces) {
        for (String space : spaces) {
            items(token, space).then().statusCode(200);
        }
    }

    private static io.restassured.response.Response items(String token, String space) {
        return given().auth().oauth2(token).get("/api/spaces/" + space + "/items");
    }

    private static io.restassured.response.Response create(String token, String space, Application application) {
        return create(token, space, application, application + " essayé");
    }

    private static io.restassured.response.Response create(String token, String space, Application application,
            String title) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"application\":\"" + application + "\",\"title\":\"" + title + "\",\"body\":\"Texte\","
                        + "\"data\":" + fr.ent.content.ItemSamples.data(application) + "}")
                .post("/api/spaces/" + space + "/items");
    }

    /** Application → titles of the archived items the teacher may recover. */
    private static Map<String, List<String>> recoverableTitles(String token) {
        JsonPath recovery = given().auth().oauth2(token).get("/api/me/recovery").then().statusCode(200).extract()
                .jsonPath();
        Map<String, List<String>> titles = new HashMap<>();
        Map<String, Object> applications = recovery.getMap("applications");
        for (String application : applications.keySet()) {
            titles.put(application, new ArrayList<>(recovery.getList("applications." + application + ".items.title",
                    String.class)));
        }
        return titles;
    }

    private static Map<String, JsonNode> acknowledgements(UUID switchover, int schools) throws Exception {
        List<ConsumerRecord<String, String>> records = TestKafka.read(TestKafka.topic(Topics.CONTENT_EVENTS),
                r -> r.stream().filter(x -> x.value().contains(switchover.toString())).count() >= schools, WITHIN);
        Map<String, JsonNode> byUai = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value().contains(switchover.toString())) {
                assertEquals(EventTypes.CONTENT_YEAR_SWITCH_APPLIED, TestKafka.header(record, "ce_type"));
                assertTrue(byUai.put(record.key(), JSON.readTree(record.value())) == null, "one per school");
            }
        }
        assertEquals(schools, byUai.size());
        return byUai;
    }

    private static PartnershipChanged.MemberClass member(String uai, String classId) {
        return member(uai, classId, FROM);
    }

    private static PartnershipChanged.MemberClass member(String uai, String classId, String year) {
        return new PartnershipChanged.MemberClass(uai, year, classId);
    }

    private static void school(String uai, boolean departmental) throws Exception {
        send(uai, Topics.ONDE_CHANGES, EventTypes.ONDE_SCHOOL_UPSERTED, "{\"uai\":\"" + uai + "\",\"name\":\"École "
                + uai + "\",\"type\":null,\"academyCode\":\"" + ACADEMY + "\",\"academy\":null,\"town\":null,"
                + "\"district\":null,\"departmental\":" + departmental + "}");
    }

    private static void roster(String uai, String classId, String pupilId, String responsableId) throws Exception {
        roster(uai, classId, FROM, pupilId, responsableId);
    }

    private static void roster(String uai, String classId, String year, String pupilId, String responsableId)
            throws Exception {
        send(uai, Topics.ONDE_CHANGES, EventTypes.ONDE_CLASS_UPSERTED, JSON.writeValueAsString(new OndeClass(uai, year,
                classId, classId, List.of("CM1"), List.of(new OndePupil(pupilId, null, "Lou", "Martin", "2011-01-01",
                        "CM1", List.of(new OndePupil.Link(responsableId, "10", true)))))));
    }

    private static void teacher(String uai, String classId, String teacherId) throws Exception {
        send(uai, EventTypes.CLASS_TEACHER_ASSIGNED, new TeacherAssigned(uai, FROM, classId, teacherId, List.of()));
    }

    private static void send(String key, String type, Object payload) throws Exception {
        send(key, Topics.CLASS_EVENTS, type, JSON.writeValueAsString(payload));
    }

    private static String spaceOf(String token, String ref) {
        return TestContent.spaceOf(token, ref);
    }

    private static void send(String key, String topic, String type, String payload) {
        TestContent.send(key, topic, type, payload);
    }

    private static String token(String personId, String role, String uai) {
        return TestContent.token(personId, role, uai);
    }
}
