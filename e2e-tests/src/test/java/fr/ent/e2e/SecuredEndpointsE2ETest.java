package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.e2e.Stack.Service;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every service refuses anonymous callers and wrong roles, and serves the right role, with real Keycloak tokens. */
class SecuredEndpointsE2ETest {

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of(Service.ONDE_SYNC, "/api/imports", user("rectorat.demo"), user("enseignant.demo")),
                Arguments.of(Service.CLASS, "/api/schools", user("directeur.demo"), user("eleve.demo")),
                Arguments.of(Service.IDENTITY, "/api/me", user("eleve.demo"), (Supplier<String>) Stack::serviceToken),
                Arguments.of(Service.CONTENT, "/api/retention-matrix", user("enseignant.demo"), user("parent.demo")),
                Arguments.of(Service.ROLLOVER, "/api/switchovers", user("operateur.demo"), user("directeur.demo")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void anonymousGets401WrongRoleGets403RightRoleGets200(Service service, String path, Supplier<String> rightRole,
            Supplier<String> wrongRole) {
        String url = service.url(path);
        assertEquals(401, Stack.get(url, Optional.empty()).statusCode(), "without a token: " + url);
        assertEquals(403, Stack.get(url, Optional.of(wrongRole.get())).statusCode(), "with a wrong role: " + url);
        assertEquals(200, Stack.get(url, Optional.of(rightRole.get())).statusCode(), "with the right role: " + url);
    }

    @Test
    void theRealmPutsTheCallersSchoolsAndPersonIdInTheToken() {
        JsonNode me = Stack.json(Stack.get(Service.IDENTITY.url("/api/me"),
                Optional.of(Stack.userToken("enseignant.demo"))));
        assertEquals("enseignant.demo", me.get("username").asText());
        assertEquals("DEMO-ENS-1", me.get("personId").asText());
        assertEquals("0750654D", me.get("uais").get(0).asText());
        assertEquals("enseignant", me.get("roles").get(0).asText());
    }

    @Test
    void everyServiceIsHealthyOnItsManagementInterfaceOnly() {
        for (Service service : Service.values()) {
            JsonNode health = Stack.json(Stack.get(service.managementUrl("/q/health/ready"), Optional.empty()));
            assertEquals("UP", health.get("status").asText(), service + ": " + health);
            for (String path : new String[] {"/q/health", "/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
                assertEquals(404, Stack.get(service.url(path), Optional.empty()).statusCode(),
                        service + " serves " + path + " on its API port");
            }
        }
    }

    @Test
    void aTokenOfAnotherClientOfTheRealmIsRefused() {
        // Keycloak's own admin-cli client issues tokens of realm ent without the suite's audience.
        String foreign = Stack.token(java.util.Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "operateur.demo", "password", Stack.env("ENT_DEMO_PASSWORD")));
        for (Service service : Service.values()) {
            var answer = Stack.get(service.url("/api/dead-letters"), Optional.of(foreign));
            assertEquals(401, answer.statusCode(), service + ": " + answer.body());
        }
        assertEquals(200, Stack.get(Service.CLASS.url("/api/dead-letters"), Optional.of(Stack.userToken("operateur.demo")))
                .statusCode());
    }

    private static Supplier<String> user(String username) {
        return () -> Stack.userToken(username);
    }
}
