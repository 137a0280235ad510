package fr.ent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.onde.generator.ExportUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The suite's public APIs as a user calls them: a token from Keycloak by the password grant of the local-only
 * {@code ent-cli} client, then JSON over HTTP. A refusal is an {@link ApiException} with the service's problem.
 */
public final class Api {

    /** An answer other than the one expected: the status and the service's problem body. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(String what, int status, String body) {
            super(what + " answered " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private record Token(String value, long obtainedAt) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** Tokens are asked again well before Keycloak's default lifespan of five minutes runs out. */
    private static final long TOKEN_REUSE_NANOS = Duration.ofSeconds(60).toNanos();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoSettings settings;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public Api(DemoSettings settings) {
        this.settings = settings;
    }

    /** A demo user's access token, reused for a minute. */
    public String token(String username) {
        Token known = tokens.get(username);
        if (known != null && System.nanoTime() - known.obtainedAt() < TOKEN_REUSE_NANOS) {
            return known.value();
        }
        String form = Map.of("grant_type", "password", "client_id", "ent-cli", "username", username, "password",
                        settings.password()).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(settings.keycloakUrl() + "/realms/"
                        + settings.realm() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (answer.statusCode() != 200) {
            throw new ApiException("Keycloak (a token for " + username + ")", answer.statusCode(), answer.body());
        }
        String value = read(answer.body()).get("access_token").asText();
        tokens.put(username, new Token(value, System.nanoTime()));
        return value;
    }

    public JsonNode get(String user, String url) {
        return read(expect(200, "GET " + url, send(request(user, url).GET().build())).body());
    }

    /** A GET without a token (the mail sink's API): the JSON answer, or empty for any other status than 200. */
    public java.util.Optional<JsonNode> getWithoutToken(String url) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build());
        return answer.statusCode() == 200 ? java.util.Optional.of(read(answer.body())) : java.util.Optional.empty();
    }

    /** The status of a GET, for answers that are not an error of the demo (a closed space's 410). */
    public int status(String user, String url) {
        return send(request(user, url).GET().build()).statusCode();
    }

    public JsonNode post(String user, String url, Object body, int expected) {
        HttpResponse<String> answer = send(request(user, url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
        return read(expect(expected, "POST " + url, answer).body());
    }

    /** A POST whose answer is a file (a PDF), written to {@code target}. */
    public Path postForFile(String user, String url, Path target) {
        return toFile(request(user, url).setHeader("Accept", "application/pdf").POST(HttpRequest.BodyPublishers.noBody())
                .build(), "POST " + url, target);
    }

    /** Uploads an export zip as the multipart form field {@code field}, streamed from disk. */
    public JsonNode upload(String user, String url, String field, Path file, int expected) {
        return upload(user, url, field, file, "application/zip", expected);
    }

    /** Uploads a file of that content type as the multipart form field {@code field}, streamed from disk. */
    public JsonNode upload(String user, String url, String field, Path file, String contentType, int expected) {
        HttpRequest request = ExportUpload.postFile(URI.create(url), token(user), field, file, contentType);
        return read(expect(expected, "POST " + url, send(request)).body());
    }

    /** A GET whose answer is a file (a PDF, a photo), written to {@code target}. */
    public Path getFile(String user, String url, Path target) {
        return toFile(request(user, url).setHeader("Accept", "*/*").GET().build(), "GET " + url, target);
    }

    private Path toFile(HttpRequest request, String what, Path target) {
        try {
            HttpResponse<Path> answer = http.send(request, HttpResponse.BodyHandlers.ofFile(target));
            if (answer.statusCode() != 200) {
                String body = Files.readString(target);
                Files.deleteIfExists(target);
                throw new ApiException(what, answer.statusCode(), body);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String user, String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token(user)).header("Accept", "application/json");
    }

    private static HttpResponse<String> expect(int expected, String what, HttpResponse<String> answer) {
        if (answer.statusCode() != expected) {
            throw new ApiException(what, answer.statusCode(), answer.body());
        }
        return answer;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
