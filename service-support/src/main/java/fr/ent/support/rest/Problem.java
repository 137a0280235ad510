package fr.ent.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error answer of the suite: RFC 9457 problem details ({@code application/problem+json}), with the
 * field in error where there is one and, for invalid input, every field with its message.
 *
 * @param type always {@code about:blank}: the status says what kind of problem it is
 * @param title the status in words ("Bad Request")
 * @param detail what went wrong, in words the caller can act on
 * @param instance the request's path
 * @param field the first field in error (a JSON property path such as {@code levels[0]}, or a path/query parameter)
 * @param errors every field in error
 * @param reference for a server error: the id under which the service logged it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<FieldError> errors, String reference) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }
}
