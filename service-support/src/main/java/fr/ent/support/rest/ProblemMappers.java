package fr.ent.support.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service leaves as one {@link Problem} ({@code application/problem+json}): refusals with
 * their field, invalid JSON with the property in error, authentication and authorisation failures, unknown paths,
 * and server errors with a reference under which they were logged once. Bad input is never a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return problem(e.status(), e.getMessage(), uri, e.field(), null, null);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::onReturnValue)) {
            return serverError(e, uri);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message())
                .collect(Collectors.joining("; "));
        return problem(400, detail, uri, errors.isEmpty() ? null : errors.get(0).field(), errors, null);
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        String detail = (e instanceof JsonParseException ? "malformed JSON: " : "invalid JSON body: ")
                + (field == null || field.isEmpty() ? "" : field + ": ") + shorten(why);
        return problem(400, detail, uri, field == null || field.isEmpty() ? null : field, null, null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "authentication required: send a valid bearer token of the ENT realm "
                + "(Authorization: Bearer …)", uri, null, null, null)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, e.getMessage() == null || e.getMessage().isBlank()
                ? "your roles do not allow this operation" : e.getMessage(), uri, null, null, null);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // A path or query value that does not convert (a UUID, a number): the request is wrong, not the path.
            return problem(400, "invalid value in the path or query: " + shorten(e.getCause().getMessage()), uri, null,
                    null, null);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return serverError(e, uri);
        }
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP " + status)
                ? defaultDetail(status, uri) : e.getMessage();
        return problem(status, detail, uri, null, null, null);
    }

    /** A body that ends early or does not parse (a truncated multipart upload) is the client's, not the server's. */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        StackTraceElement[] origin = e.getStackTrace();
        if (origin.length > 0 && origin[0].getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart")) {
            return problem(400, "the request body is incomplete or malformed: " + shorten(e.getMessage()), uri, null,
                    null, null);
        }
        return serverError(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return serverError(e, uri);
    }

    private static Response serverError(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "request %s failed on the server's side (reference %s)", uri.getPath(), reference);
        return problem(500, "the server could not answer; the service's log has the details under reference "
                + reference, uri, null, null, reference);
    }

    private static String defaultDetail(int status, UriInfo uri) {
        return switch (status) {
            case 404 -> "nothing here: " + uri.getPath();
            case 405 -> "this method is not allowed on " + uri.getPath();
            case 406 -> "no representation of " + uri.getPath() + " matches the Accept header";
            case 415 -> "unsupported Content-Type for " + uri.getPath();
            default -> Response.Status.fromStatusCode(status) == null ? "error " + status
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }

    static Response problem(int status, String detail, UriInfo uri, String field, List<Problem.FieldError> errors,
            String reference) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), field,
                        errors, reference))
                .build();
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The property path of a violation without the method and body parameter names: {@code levels[0]}, {@code uai}. */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean bodyParameter = node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || bodyParameter) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            field.append(field.length() == 0 ? "" : ".").append(node.getName());
        }
        return field.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
