package fr.ent.content.item;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.content.retention.Application;
import fr.ent.support.rest.InvalidInputException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * What each application requires of an item's {@code data} beyond being a JSON object: a map point has its
 * coordinates, an agenda event its start (and an end after it), a homework entry its day; a blog article's category
 * and images are bounded; a media file comes only through an upload. A wrong field is named in the 400.
 */
public final class ApplicationRules {

    private ApplicationRules() {
    }

    public static void check(Application application, JsonNode data) {
        JsonNode d = data == null || data.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : data;
        switch (application) {
            case GPS -> {
                number(d, "lat", -90, 90);
                number(d, "lon", -180, 180);
            }
            case AGENDA -> {
                OffsetDateTime start = dateTime(d, "start", true);
                OffsetDateTime end = dateTime(d, "end", false);
                if (end != null && end.isBefore(start)) {
                    throw new InvalidInputException("data.end", "an event ends after it starts");
                }
            }
            case CAHIER_DE_TEXTES -> {
                date(d, "day", true);
                date(d, "dueDay", false);
            }
            case CONCOURS_SCOLAIRE -> date(d, "deadline", false);
            case BLOG -> {
                text(d, "category", 100);
                JsonNode images = d.path("images");
                if (!images.isMissingNode() && !images.isNull()) {
                    if (!images.isArray() || images.size() > 20) {
                        throw new InvalidInputException("data.images", "at most 20 media file ids");
                    }
                    images.forEach(id -> uuid(id, "data.images"));
                }
            }
            case MEDIATHEQUE -> {
                if ("file".equals(d.path("kind").asText(null))) {
                    throw new InvalidInputException("data.kind", "a media file is uploaded: POST "
                            + "/api/spaces/{spaceId}/media/files");
                }
            }
            default -> {
                // the item's title, text and free data are enough
            }
        }
    }

    private static void number(JsonNode data, String field, double min, double max) {
        JsonNode value = data.path(field);
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw new InvalidInputException("data." + field, "a number from " + min + " to " + max + " is required");
        }
    }

    private static OffsetDateTime dateTime(JsonNode data, String field, boolean required) {
        JsonNode value = data.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw new InvalidInputException("data." + field, "a date and time (ISO 8601, with its offset) is required");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("data." + field, "not a date and time with its offset (ISO 8601): "
                    + value.asText());
        }
    }

    private static void date(JsonNode data, String field, boolean required) {
        JsonNode value = data.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw new InvalidInputException("data." + field, "a day (YYYY-MM-DD) is required");
            }
            return;
        }
        try {
            LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("data." + field, "not a day (YYYY-MM-DD): " + value.asText());
        }
    }

    private static void text(JsonNode data, String field, int max) {
        JsonNode value = data.path(field);
        if (!value.isMissingNode() && !value.isNull() && (!value.isTextual() || value.asText().length() > max)) {
            throw new InvalidInputException("data." + field, "a text of at most " + max + " characters");
        }
    }

    private static void uuid(JsonNode value, String field) {
        try {
            UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "not a media file id: " + value.asText());
        }
    }
}
