package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ent.e2e.Stack.Service;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of every service's OpenAPI document with hostile values — NUL characters, 10,000-character
 * strings, nulls, wrong types, malformed JSON, truncated multipart bodies, values that do not parse — as every demo
 * user and as nobody, against the running stack. No answer may be a 5xx, and every error must be the suite's
 * {@code application/problem+json} with its status.
 */
class HostileInputE2ETest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LONG = "A".repeat(10_000);
    /** Path values stay under the HTTP server's request-line limit (4 KiB), which answers before any service code. */
    private static final String LONG_PATH_VALUE = "A".repeat(2_000);
    private static final List<String> HOSTILE_VALUES = List.of("\u0000", "A\u0000B", LONG_PATH_VALUE, "null", "-1",
            "abc", "9999999999999999999999", "../../etc/passwd", "%", " ", "0750654d", "\u00e9\u0301", "true");
    private static final String[] USERS = {"rectorat.demo", "directeur.demo", "enseignant.demo", "eleve.demo",
            "parent.demo", "operateur.demo"};

    private record Call(String method, String path, String contentType, byte[] body, String what) {
    }

    @Test
    void noOperationOfAnyServiceAnswersAHostileRequestWithAServerError() {
        List<Optional<String>> callers = new ArrayList<>();
        callers.add(Optional.empty());
        for (String user : USERS) {
            callers.add(Optional.of(Stack.userToken(user)));
        }
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int operations = 0;
        for (Service service : Service.values()) {
            JsonNode openApi = Stack.json(Stack.get(service.managementUrl("/q/openapi?format=json"), Optional.empty()));
            for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    operations++;
                    for (Call call : calls(openApi, path.getKey(), op.getKey().toUpperCase(), op.getValue())) {
                        for (Optional<String> caller : callers) {
                            requests++;
                            String failure = check(service, call, caller);
                            if (failure != null) {
                                failures.add(failure);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("hostile input: %d operations, %d requests, %d failures%n", operations, requests,
                failures.size());
        assertTrue(operations >= 20, "the OpenAPI documents list only " + operations + " operations");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    /** Null when the answer is acceptable, else what went wrong. */
    private static String check(Service service, Call call, Optional<String> caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(call.path())))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        caller.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> answer = Stack.send(request.build());
        String who = caller.isPresent() ? "a user" : "nobody";
        String where = service + " " + call.method() + " " + shorten(call.path()) + " (" + call.what() + ", " + who + ")";
        int status = answer.statusCode();
        if (status >= 500) {
            return where + " → " + status + " " + shorten(answer.body());
        }
        if (status >= 400) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return where + " → " + status + " with Content-Type '" + type + "': " + shorten(answer.body());
            }
            JsonNode problem = Stack.json(answer);
            if (problem.path("status").asInt() != status || problem.path("detail").asText().isBlank()) {
                return where + " → " + status + " with a problem body that does not say it: " + shorten(answer.body());
            }
        }
        return null;
    }

    private static List<Call> calls(JsonNode openApi, String template, String method, JsonNode operation) {
        List<Call> calls = new ArrayList<>();
        List<JsonNode> pathParams = new ArrayList<>();
        List<JsonNode> queryParams = new ArrayList<>();
        operation.path("parameters").forEach(p -> ("path".equals(p.path("in").asText()) ? pathParams : queryParams).add(p));
        String plausiblePath = fill(template, method, pathParams, null, null);
        JsonNode content = operation.path("requestBody").path("content");
        // The path's parameters, one at a time, hostile.
        for (JsonNode param : pathParams) {
            for (String value : HOSTILE_VALUES) {
                calls.add(new Call(method, fill(template, method, pathParams, param.path("name").asText(), value), null, null,
                        "path " + param.path("name").asText() + "=" + describe(value)));
            }
        }
        // The query's parameters, one at a time, hostile.
        for (JsonNode param : queryParams) {
            for (String value : HOSTILE_VALUES) {
                calls.add(new Call(method, plausiblePath + "?" + param.path("name").asText() + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8), null, null,
                        "query " + param.path("name").asText() + "=" + describe(value)));
            }
        }
        if (content.has("application/json")) {
            JsonNode schema = resolve(openApi, content.path("application/json").path("schema"));
            for (Map.Entry<String, String> body : jsonBodies(openApi, schema).entrySet()) {
                calls.add(new Call(method, plausiblePath, "application/json",
                        body.getValue().getBytes(StandardCharsets.UTF_8), "body " + body.getKey()));
            }
            calls.add(new Call(method, plausiblePath, "text/plain", "hello".getBytes(StandardCharsets.UTF_8),
                    "wrong content type"));
        }
        if (content.has("multipart/form-data")) {
            multipartBodies().forEach((what, body) -> calls.add(new Call(method, plausiblePath,
                    "multipart/form-data; boundary=XYZ", body.getBytes(StandardCharsets.ISO_8859_1), what)));
            calls.add(new Call(method, plausiblePath, "multipart/form-data", new byte[0], "multipart without boundary"));
        }
        if (calls.isEmpty() || (pathParams.isEmpty() && queryParams.isEmpty() && content.isMissingNode())) {
            calls.add(new Call(method, plausiblePath, null, null, "plain"));
        }
        return calls;
    }

    /** The path with every parameter plausible for its schema, except {@code hostile}, which gets {@code value}. */
    private static String fill(String template, String method, List<JsonNode> params, String hostile, String value) {
        String path = template;
        for (JsonNode param : params) {
            String name = param.path("name").asText();
            String text = name.equals(hostile) ? value : plausible(param.path("schema"), method);
            path = path.replace("{" + name + "}", URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path;
    }

    /**
     * A value of the schema's type. Strings name the demo school for reading; for writing they name nothing that
     * exists, so that a body whose only hostile field is accepted cannot change the stack's data.
     */
    private static String plausible(JsonNode schema, String method) {
        String type = schema.path("type").asText();
        if (schema.path("$ref").asText().endsWith("/UUID") || "uuid".equals(schema.path("format").asText())) {
            return "7b0e6c1e-3f3a-4c55-9a57-6f5c8a1b2c3d";
        }
        return switch (type) {
            case "integer", "number" -> "0";
            case "boolean" -> "false";
            default -> "GET".equals(method) ? "0750654D" : "not-a-resource";
        };
    }

    /** Hostile JSON bodies for a schema: malformed, wrong shapes, and each property in turn made hostile. */
    private static Map<String, String> jsonBodies(JsonNode openApi, JsonNode schema) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed", "{\"a\":");
        bodies.put("not JSON", "<xml/>");
        bodies.put("null", "null");
        bodies.put("array", "[1,2]");
        bodies.put("string", "\"x\u0000\"");
        bodies.put("empty object", "{}");
        bodies.put("deeply nested", "[".repeat(5_000) + "]".repeat(5_000));
        ObjectNode plausible = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        properties.fields().forEachRemaining(p -> plausible.set(p.getKey(), plausibleJson(openApi, p.getValue())));
        bodies.put("plausible", plausible.toString());
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode property = resolve(openApi, properties.get(name));
            Map<String, JsonNode> values = new LinkedHashMap<>();
            values.put("NUL", NODES.textNode("a\u0000b"));
            values.put("control character", NODES.textNode("a\u0007b"));
            values.put("10k characters", NODES.textNode(LONG));
            values.put("null", NODES.nullNode());
            values.put("number", NODES.numberNode(1e308));
            values.put("object", NODES.objectNode().put("x", 1));
            values.put("array of null", NODES.arrayNode().addNull());
            ArrayNode longArray = NODES.arrayNode();
            for (int i = 0; i < 2_000; i++) {
                longArray.add("a\u0000");
            }
            values.put("2000 NUL strings", longArray);
            values.forEach((what, value) -> {
                ObjectNode body = plausible.deepCopy();
                body.set(name, "array".equals(property.path("type").asText()) && value.isTextual()
                        ? NODES.arrayNode().add(value) : value);
                bodies.put(name + ": " + what, body.toString());
            });
        });
        return bodies;
    }

    private static JsonNode plausibleJson(JsonNode openApi, JsonNode schema) {
        JsonNode resolved = resolve(openApi, schema);
        return switch (resolved.path("type").asText()) {
            case "array" -> NODES.arrayNode().add(plausibleJson(openApi, resolved.path("items")));
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "object" -> NODES.objectNode();
            default -> NODES.textNode("0750654D");
        };
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            return openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static Map<String, String> multipartBodies() {
        String part = "--XYZ\r\nContent-Disposition: form-data; name=\"export\"; filename=\"a.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("multipart truncated", part + "PK\u0003\u0004aaaa");
        bodies.put("multipart not a zip", part + "hello\r\n--XYZ--\r\n");
        bodies.put("multipart empty", "--XYZ--\r\n");
        bodies.put("multipart other field", "--XYZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XYZ--\r\n");
        bodies.put("multipart file name with NUL", part.replace("a.zip", "a\u0000.zip") + "PK\u0003\u0004\r\n--XYZ--\r\n");
        bodies.put("multipart file name of 10k", part.replace("a.zip", LONG) + "PK\u0003\u0004\r\n--XYZ--\r\n");
        return bodies;
    }

    private static String describe(String value) {
        return value.length() > 20 ? value.length() + " characters" : value.replace("\u0000", "\\0");
    }

    private static String shorten(String text) {
        String clean = text.replace("\u0000", "\\0");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }

    @Test
    void aBodyAnnouncedOverTheLimitIsRefusedWithAProblemBeforeItIsSent() throws Exception {
        for (Service service : Service.values()) {
            URI uri = URI.create(service.url("/api/anything"));
            try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /api/anything HTTP/1.1\r\nHost: " + uri.getHost()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 9000000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = readAnswer(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 413"), service + ": " + answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), service + ": " + answer);
                assertTrue(answer.contains("\"status\":413"), service + ": " + answer);
            }
        }
    }

    /** Head and body of one HTTP answer, read by its Content-Length (the server keeps waiting for our body). */
    private static String readAnswer(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return read.toString(StandardCharsets.UTF_8);
            }
            read.write(b);
            String text = read.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(text.substring(0, headEnd));
                int body = length.find() ? Integer.parseInt(length.group(1)) : 0;
                if (read.size() >= headEnd + 4 + body) {
                    return text;
                }
            }
        }
    }

    @Test
    void aRefusalSaysWhichFieldIsWrong() {
        HttpResponse<String> answer = Stack.postJson(Service.CLASS.url("/api/me/classes"),
                Stack.userToken("enseignant.demo"), "{\"uai\":\"0750654D\",\"classIds\":[\"a\\u0000b\"]}");
        assertEquals(400, answer.statusCode());
        assertEquals("classIds[0]", Stack.json(answer).path("field").asText(), answer.body());
    }
}
