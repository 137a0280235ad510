package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.e2e.Stack.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The role matrix, {@code docs/roles.md}, walked per service on the running stack: every operation of the service's
 * OpenAPI document is a row and every row of the service an operation; each demo user (one per role, a real Keycloak
 * token) calling each operation is refused for its role (403 "your roles do not allow this operation") exactly when the
 * row does not list the role. Requests carry plausible values and an empty body: what they change is refused by
 * validation or finds nothing, so the walk changes no data.
 */
class RoleMatrixE2ETest {

    static final String ROLE_REFUSAL = "your roles do not allow this operation";
    private static final Map<String, String> USERS = Map.of("rectorat", "rectorat.demo", "directeur", "directeur.demo",
            "enseignant", "enseignant.demo", "eleve", "eleve.demo", "parent", "parent.demo", "operateur",
            "operateur.demo");
    private static final Pattern ROW = Pattern.compile(
            "^\\| ([a-z-]+) \\| (GET|POST|PUT|DELETE) \\| `([^`]+)` \\| ([a-z, ]+) \\|");
    private static final Map<String, String> TOKENS = new HashMap<>();

    private record Operation(String method, String path) {
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyOperationRefusesExactlyTheRolesTheMatrixLeavesOut(Service service) throws Exception {
        JsonNode openApi = Stack.json(Stack.get(service.managementUrl("/q/openapi?format=json"), Optional.empty()));
        String name = openApi.get("info").get("title").asText();
        Map<Operation, Set<String>> matrix = matrix(name);
        Map<Operation, JsonNode> operations = new HashMap<>();
        openApi.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "post", "put", "delete").contains(op.getKey())) {
                operations.put(new Operation(op.getKey().toUpperCase(), path.getKey()), op.getValue());
            }
        }));
        assertEquals(new TreeSet<>(names(operations.keySet())), new TreeSet<>(names(matrix.keySet())),
                name + ": the operations it serves are the rows of docs/roles.md");

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Operation, JsonNode> operation : operations.entrySet()) {
            Set<String> allowed = matrix.get(operation.getKey());
            for (Map.Entry<String, String> user : USERS.entrySet()) {
                HttpResponse<String> answer = call(service, operation.getKey(), operation.getValue(),
                        token(user.getValue()));
                boolean refusedForRole = answer.statusCode() == 403 && answer.body().contains(ROLE_REFUSAL);
                boolean mayCall = allowed.contains(user.getKey());
                if (answer.statusCode() == 401 || refusedForRole == mayCall) {
                    wrong.add(operation.getKey() + " as " + user.getKey() + ": " + answer.statusCode() + " "
                            + answer.body().substring(0, Math.min(200, answer.body().length())));
                }
            }
        }
        assertTrue(wrong.isEmpty(), name + " does not enforce docs/roles.md:\n" + String.join("\n", wrong));
    }

    private static Map<Operation, Set<String>> matrix(String service) throws IOException {
        Map<Operation, Set<String>> rows = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "roles.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find() && row.group(1).equals(service)) {
                rows.put(new Operation(row.group(2), row.group(3)), Set.of(row.group(4).split(", ")));
            }
        }
        return rows;
    }

    private static List<String> names(Set<Operation> operations) {
        return operations.stream().map(o -> o.method() + " " + o.path()).toList();
    }

    private static HttpResponse<String> call(Service service, Operation operation, JsonNode spec, String token) {
        String path = operation.path();
        for (String[] value : new String[][] {{"{uai}", "0750654D"}, {"{schoolYear}", "2018-2019"}, {"{code}", "17"},
                {"{classId}", "C-ROLES"}, {"{partition}", "0"}, {"{offset}", "0"}, {"{topic}", "role-matrix.dlq"}}) {
            path = path.replace(value[0], value[1]);
        }
        path = path.replaceAll("\\{[A-Za-z]+\\}", UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
        JsonNode content = spec.path("requestBody").path("content");
        if (operation.method().equals("GET") || operation.method().equals("DELETE") || content.isMissingNode()) {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            Iterator<String> types = content.fieldNames();
            String type = types.hasNext() ? types.next() : "application/json";
            if (type.startsWith("multipart/")) {
                request.header("Content-Type", "multipart/form-data; boundary=roles")
                        .method(operation.method(), HttpRequest.BodyPublishers.ofString("--roles--\r\n"));
            } else {
                request.header("Content-Type", "application/json")
                        .method(operation.method(), HttpRequest.BodyPublishers.ofString("{}"));
            }
        }
        return Stack.send(request.build());
    }

    private static synchronized String token(String user) {
        return TOKENS.computeIfAbsent(user, Stack::userToken);
    }
}
