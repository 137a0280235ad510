package fr.ent.portal.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.portal.PortalConfig;
import io.quarkus.oidc.AccessTokenCredential;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The services' REST APIs, called with the signed-in user's access token: the portal holds no business rule, each
 * service decides what the user may see and do. A refusal or an error of a service is a {@link ServiceException}
 * carrying the service's problem; a service that does not answer is one with status 503.
 */
@RequestScoped
public class Gateway {

    private static final Logger LOG = Logger.getLogger(Gateway.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AccessTokenCredential token;

    @Inject
    PortalConfig config;

    /** A path segment as it must appear in a URL (a UAI, a school year, a class id typed by nobody but still). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(Service service, String path) {
        return json(service, send(service, request(service, path).GET()));
    }

    public JsonNode post(Service service, String path, Object body) {
        return json(service, send(service, withJson(request(service, path), "POST", body)));
    }

    public JsonNode put(Service service, String path, Object body) {
        return json(service, send(service, withJson(request(service, path), "PUT", body)));
    }

    /** A file the service answers a GET or a POST with. */
    public Download download(Service service, String path, String method, Object body, String accept) {
        HttpRequest.Builder request = request(service, path).setHeader("Accept", accept);
        HttpResponse<byte[]> answer = send(service, withJson(request, method, body));
        return new Download(answer.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                answer.headers().firstValue("Content-Disposition").orElse(null), answer.body());
    }

    /** A file sent on as the one part {@code field} of a multipart/form-data POST, read from disk as it goes. */
    public JsonNode upload(Service service, String path, String field, String fileName, String contentType, Path file) {
        String boundary = "ent-portal-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName.replaceAll("[\"\\r\\n\\\\]", "_") + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        parts.add(HttpRequest.BodyPublishers.ofString(head));
        try {
            parts.add(HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        HttpRequest.Builder request = request(service, path).header("Content-Type",
                "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.concat(
                parts.toArray(HttpRequest.BodyPublisher[]::new)));
        return json(service, send(service, request));
    }

    private HttpRequest.Builder request(Service service, String path) {
        return HttpRequest.newBuilder(URI.create(base(service) + path)).timeout(config.callTimeout())
                .header("Authorization", "Bearer " + token.getToken()).header("Accept", "application/json");
    }

    /** A JSON body, or none when {@code body} is null. */
    private static HttpRequest.Builder withJson(HttpRequest.Builder request, String method, Object body) {
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a body the portal cannot write as JSON", e);
        }
    }

    private String base(Service service) {
        return switch (service) {
            case ONDE_SYNC -> config.ondeSyncUrl();
            case CLASSES -> config.classUrl();
            case IDENTITY -> config.identityUrl();
            case CONTENT -> config.contentUrl();
            case ROLLOVER -> config.rolloverUrl();
        };
    }

    private static HttpResponse<byte[]> send(Service service, HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<byte[]> answer;
        try {
            answer = HTTP.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ServiceException(service, 504, null);
        } catch (IOException e) {
            LOG.warnf("%s %s: %s", built.method(), built.uri(), e.toString());
            throw new ServiceException(service, 503, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(service, 503, null);
        }
        if (answer.statusCode() >= 400) {
            throw new ServiceException(service, answer.statusCode(), problemDetail(answer.body()));
        }
        return answer;
    }

    /** The problem's detail (what to fix), else its title; null when the body is no problem. */
    static String problemDetail(byte[] body) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
            return problem != null && problem.hasNonNull("title") ? problem.get("title").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode json(Service service, HttpResponse<byte[]> answer) {
        if (answer.body().length == 0) {
            return JSON.nullNode();
        }
        try (InputStream in = new java.io.ByteArrayInputStream(answer.body())) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new ServiceException(service, 502, null);
        }
    }
}
