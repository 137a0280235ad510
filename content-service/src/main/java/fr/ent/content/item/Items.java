package fr.ent.content.item;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.retention.Application;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The owner of table {@code content_item}. */
@ApplicationScoped
public class Items {

    /** The most items one list answers. */
    public static final int PAGE = 500;
    private static final String COLUMNS = "id, space_id, application, title, body, data::text, creator, created_at, "
            + "updated_at, creator_name";

    private final Sql sql;
    private final ObjectMapper json;

    public Items(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    public Item create(UUID spaceId, Application application, String title, String body, JsonNode data, String creator,
            String creatorName) {
        return insert(spaceId, application, title, body, data, creator, creatorName, null);
    }

    /** A media file's item, whose bytes are the blob (stored, and recorded in {@code blob}, before). */
    public Item createFile(UUID spaceId, String name, JsonNode data, String creator, String creatorName, String blob) {
        return insert(spaceId, Application.MEDIATHEQUE, name, null, data, creator, creatorName, blob);
    }

    /** A copy of an item into a space (its blob shared, not copied), with the data given; returns the copy's id. */
    public UUID copy(Item item, UUID spaceId, JsonNode data) {
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO content_item (id, space_id, application, title, body, data, creator, creator_name, "
                + "created_at, updated_at, blob) SELECT ?, ?, application, title, body, ?::jsonb, creator, creator_name, "
                + "created_at, now(), blob FROM content_item WHERE id = ?", id, spaceId, text(data), item.id());
        return id;
    }

    private Item insert(UUID spaceId, Application application, String title, String body, JsonNode data, String creator,
            String creatorName, String blob) {
        Instant now = Instant.now();
        Item item = new Item(UUID.randomUUID(), spaceId, application, title, body, data, creator, creatorName, now, now);
        sql.update("INSERT INTO content_item (id, space_id, application, title, body, data, creator, creator_name, "
                + "created_at, updated_at, blob) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)", item.id(), spaceId,
                application.name(), title, body, text(data), creator, creatorName, now, now, blob);
        return item;
    }

    /** The blob of a media file's item, if it has one. */
    public Optional<String> blobOf(UUID spaceId, UUID id) {
        return sql.one("SELECT blob FROM content_item WHERE space_id = ? AND id = ? AND blob IS NOT NULL",
                row -> row.getString(1), spaceId, id);
    }

    /**
     * The space's items of an application created after the given one (by creation time, then id), at most
     * {@code limit}: pages for what reads a whole application (a blog's PDF), whatever its size.
     */
    public List<Item> page(UUID spaceId, Application application, Instant afterCreatedAt, UUID afterId, int limit) {
        return afterId == null
                ? sql.list("SELECT " + COLUMNS + " FROM content_item WHERE space_id = ? AND application = ? "
                        + "ORDER BY created_at, id LIMIT ?", this::row, spaceId, application.name(), limit)
                : sql.list("SELECT " + COLUMNS + " FROM content_item WHERE space_id = ? AND application = ? "
                        + "AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?", this::row, spaceId,
                        application.name(), afterCreatedAt, afterId, limit);
    }

    public Optional<Item> find(UUID spaceId, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM content_item WHERE space_id = ? AND id = ?", this::row, spaceId, id);
    }

    /** The space's items, of one application or all, oldest first, at most {@link #PAGE}. */
    public List<Item> ofSpace(UUID spaceId, Application application) {
        return application == null
                ? sql.list("SELECT " + COLUMNS + " FROM content_item WHERE space_id = ? ORDER BY created_at, id LIMIT "
                        + PAGE, this::row, spaceId)
                : sql.list("SELECT " + COLUMNS + " FROM content_item WHERE space_id = ? AND application = ? "
                        + "ORDER BY created_at, id LIMIT " + PAGE, this::row, spaceId, application.name());
    }

    public boolean update(UUID spaceId, UUID id, String title, String body, JsonNode data) {
        return sql.update("UPDATE content_item SET title = ?, body = ?, data = ?::jsonb, updated_at = ? "
                + "WHERE space_id = ? AND id = ?", title, body, text(data), Instant.now(), spaceId, id) == 1;
    }

    public boolean delete(UUID spaceId, UUID id) {
        return sql.update("DELETE FROM content_item WHERE space_id = ? AND id = ?", spaceId, id) == 1;
    }

    private String text(JsonNode data) {
        try {
            return data == null || data.isNull() ? null : json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an item's data", e);
        }
    }

    private Item row(ResultSet row) throws SQLException {
        try {
            String data = row.getString(6);
            return new Item(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                    Application.valueOf(row.getString(3)), row.getString(4), row.getString(5),
                    data == null ? null : json.readTree(data), row.getString(7), row.getString(10),
                    row.getTimestamp(8).toInstant(), row.getTimestamp(9).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable data of item " + row.getString(1), e);
        }
    }
}
