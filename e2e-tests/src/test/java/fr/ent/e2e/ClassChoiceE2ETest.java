package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.e2e.Stack.Service;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The teacher's first connection of the year, end to end: a generated export imported through the API, a generated
 * teacher logging in through the real Keycloak, the class choice with three pupils named, the choice, the class.
 */
class ClassChoiceE2ETest {

    @Test
    void aGeneratedTeacherLogsInChoosesAClassAmongThoseOfTheirSchoolAndSeesItsPupils() throws Exception {
        Path dir = Files.createTempDirectory("e2e-class-choice-");
        GeneratorSettings settings = GeneratorSettings.defaults(2026, 1500);
        OndeExportGenerator.Export export = new OndeExportGenerator(settings)
                .complete(settings.schoolYear(), dir.resolve("complet"));
        String rectorat = Stack.userToken("rectorat.demo");
        JsonNode imported = OndeImportE2ETest.importWhole(OndeExportGenerator.zip(export.folder()), rectorat);
        assertEquals("COMPLETED", imported.get("status").asText(), imported.toString());
        String uai = imported.get("schools").get(0).get("uai").asText();
        int schoolPupils = imported.get("schools").get(0).get("pupils").asInt();

        String teacherId = "ENS-" + uai + "-1";
        String username = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "e2e-throwaway-" + UUID.randomUUID();
        createKeycloakUser(username, password, "enseignant", uai, teacherId);
        String teacher = Stack.token(Map.of("grant_type", "password", "client_id", "ent-cli", "username", username,
                "password", password));

        JsonNode choice = Stack.json(Stack.get(Service.CLASS.url("/api/me/class-choice"), Optional.of(teacher)));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // class-service applies the import's events in order: classes first, then their pupils
        while (pupilsIn(choice) != schoolPupils && System.nanoTime() < deadline) {
            Thread.sleep(500);
            choice = Stack.json(Stack.get(Service.CLASS.url("/api/me/class-choice"), Optional.of(teacher)));
        }
        assertEquals(schoolPupils, pupilsIn(choice), "class-service applied the school's pupils: " + choice);
        assertEquals(1, choice.get("schools").size(), "only the teacher's school: " + choice);
        assertEquals(uai, choice.get("schools").get(0).get("uai").asText());
        JsonNode classes = choice.get("schools").get(0).get("classes");
        for (JsonNode schoolClass : classes) {
            assertEquals(Math.min(3, schoolClass.get("pupilCount").asInt()), schoolClass.get("namedPupils").size(),
                    schoolClass.toString());
        }
        String classId = classes.get(0).get("classId").asText();
        int pupils = classes.get(0).get("pupilCount").asInt();

        HttpResponse<String> chosen = Stack.postJson(Service.CLASS.url("/api/me/classes"), teacher,
                "{\"uai\":\"" + uai + "\",\"classIds\":[\"" + classId + "\"]}");
        assertEquals(200, chosen.statusCode(), chosen.body());
        JsonNode mine = Stack.json(Stack.get(Service.CLASS.url("/api/me/classes"), Optional.of(teacher)));
        assertEquals(1, mine.size(), mine.toString());
        assertEquals(classId, mine.get(0).get("details").get("classId").asText());
        assertEquals(pupils, mine.get(0).get("pupils").size());
        System.out.printf("teacher %s of %s chose %s (%d pupils) among %d classes%n", teacherId, uai, classId, pupils,
                classes.size());
    }

    private static int pupilsIn(JsonNode choice) {
        int pupils = 0;
        if (choice.has("schools") && choice.get("schools").size() > 0) {
            for (JsonNode schoolClass : choice.get("schools").get(0).get("classes")) {
                pupils += schoolClass.get("pupilCount").asInt();
            }
        }
        return pupils;
    }

    /** A Keycloak account as identity-service will create them, made here with the services client's rights. */
    static void createKeycloakUser(String username, String password, String role, String uai, String personId) {
        String admin = Stack.serviceToken();
        String users = Stack.env("ENT_KEYCLOAK_URL") + "/admin/realms/ent/users";
        String body = "{\"username\":\"" + username + "\",\"enabled\":true,\"attributes\":{\"uai\":[\"" + uai
                + "\"],\"person_id\":[\"" + personId + "\"]},\"credentials\":[{\"type\":\"password\",\"value\":\""
                + password + "\",\"temporary\":false}]}";
        HttpResponse<String> created = Stack.send(HttpRequest.newBuilder(URI.create(users))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        String roleJson = Stack.send(HttpRequest.newBuilder(URI.create(Stack.env("ENT_KEYCLOAK_URL")
                + "/admin/realms/ent/roles/" + role)).header("Authorization", "Bearer " + admin).GET().build()).body();
        HttpResponse<String> mapped = Stack.send(HttpRequest.newBuilder(URI.create(location + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + roleJson + "]")).build());
        assertEquals(204, mapped.statusCode(), mapped.body());
    }
}
