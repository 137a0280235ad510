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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The owner of table {@code content_item}: every read and write of items, the applications' own queries included. */
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

    /** Media library: the folders then files directly in a folder (or at the top), by name, at most {@link #PAGE}. */
    public List<Item> mediaChildren(UUID spaceId, UUID parent) {
        return sql.list("SELECT " + COLUMNS + " FROM content_item WHERE space_id = ? AND application = 'MEDIATHEQUE' "
                + "AND data->>'parent' IS NOT DISTINCT FROM ? ORDER BY data->>'kind' DESC, title, id LIMIT " + PAGE,
                this::row, spaceId, parent == null ? null : parent.toString());
    }

    /** Media library: the item and, for a folder, all it holds, parents before children. */
    public List<UUID> mediaTree(UUID spaceId, UUID id) {
        return sql.list(MEDIA_TREE + "SELECT id FROM tree ORDER BY depth, id", row -> row.getObject(1, UUID.class),
                spaceId, id, spaceId);
    }

    /** Media library: deletes a file, or a folder with all it holds; returns how many items went. */
    public int deleteMediaTree(UUID spaceId, UUID id) {
        return sql.update(MEDIA_TREE + "DELETE FROM content_item WHERE id IN (SELECT id FROM tree)", spaceId, id, spaceId);
    }

    private static final String MEDIA_TREE = "WITH RECURSIVE tree AS (SELECT id, 0 AS depth FROM content_item "
            + "WHERE space_id = ? AND id = ? AND application = 'MEDIATHEQUE' UNION SELECT c.id, t.depth + 1 "
            + "FROM content_item c JOIN tree t ON c.data->>'parent' = t.id::text WHERE c.space_id = ? "
            + "AND c.application = 'MEDIATHEQUE') ";

    /** Media library: the folder of that name at its top, if there is one. */
    public Optional<UUID> topFolder(UUID spaceId, String name) {
        return sql.one("SELECT id FROM content_item WHERE space_id = ? AND application = 'MEDIATHEQUE' "
                + "AND data->>'kind' = 'folder' AND data->>'parent' IS NULL AND title = ? ORDER BY created_at LIMIT 1",
                row -> row.getObject(1, UUID.class), spaceId, name);
    }

    /** Blog: its categories with their article counts, by name. */
    public List<Map.Entry<String, Integer>> blogCategories(UUID spaceId) {
        return sql.list("SELECT data->>'category', count(*) FROM content_item WHERE space_id = ? AND application = 'BLOG' "
                + "AND data->>'category' IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 500",
                row -> Map.entry(row.getString(1), row.getInt(2)), spaceId);
    }

    /** Messagerie: the messages of a personal space in a box (inbox, sent), newest first, at most {@link #PAGE}. */
    public List<Item> messages(UUID spaceId, String box) {
        return sql.list("SELECT " + COLUMNS + " FROM content_item WHERE space_id = ? AND application = 'MESSAGERIE' "
                + "AND data->>'box' = ? ORDER BY created_at DESC, id LIMIT " + PAGE, this::row, spaceId, box);
    }

    /** Messagerie: marks a message of the space read; false when it has no such message. */
    public boolean markRead(UUID spaceId, UUID id) {
        return sql.update("UPDATE content_item SET data = jsonb_set(data, '{read}', 'true'::jsonb) WHERE space_id = ? "
                + "AND id = ? AND application = 'MESSAGERIE'", spaceId, id) == 1;
    }

    /** These items, in the order given (those that no longer exist left out). */
    public List<Item> byIds(List<UUID> ids) {
        Map<UUID, Item> found = new java.util.HashMap<>();
        sql.list("SELECT " + COLUMNS + " FROM content_item WHERE id = ANY (?::uuid[])", this::row,
                Sql.array("uuid", ids.toArray())).forEach(item -> found.put(item.id(), item));
        return ids.stream().filter(found::containsKey).map(found::get).toList();
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
