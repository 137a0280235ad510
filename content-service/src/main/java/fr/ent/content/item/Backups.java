package fr.ent.content.item;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ent.content.retention.Application;
import fr.ent.content.space.Space;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.rest.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * The owner of table {@code backup_copy} (CNT-3): media-library files of a class copied into a folder of a person's
 * personal space, each file once per folder.
 */
@ApplicationScoped
public class Backups {

    /** How many of the selection were copied now, and how many were in the folder already. */
    public record Outcome(int copied, int alreadyCopied) {
    }

    private final Sql sql;
    private final Items items;
    private final ObjectMapper json;

    public Backups(Sql sql, Items items, ObjectMapper json) {
        this.sql = sql;
        this.items = items;
        this.json = json;
    }

    /**
     * Copies the selected files and folders (a folder with everything in it, its tree kept) of {@code source}'s media
     * library into the folder {@code folder} at the top of {@code personal}'s (made the first time); an item of another
     * space or application is refused (field {@code items}) before anything is copied. What is in that folder already
     * is not copied again. Files share their blobs. Runs in the caller's transaction.
     */
    public Outcome copy(Space source, Collection<UUID> selection, Space personal, String owner, String folder) {
        java.util.List<Item> chosen = selection.stream().distinct().map(id -> items.find(source.id(), id)
                .orElseThrow(() -> new InvalidInputException("items", "item " + id + " is not in space " + source.id())))
                .toList();
        for (Item item : chosen) {
            if (item.application() != Application.MEDIATHEQUE) {
                throw new InvalidInputException("items", "item " + item.id() + " is " + item.application()
                        + ": a manual backup copies media-library files and folders (CNT-3)");
            }
        }
        UUID root = rootFolder(personal, folder, owner);
        java.util.Map<UUID, UUID> copies = new java.util.HashMap<>();
        int copied = 0;
        int already = 0;
        for (Item top : chosen) {
            // The item and, for a folder, all it holds, parents before children.
            java.util.List<UUID> tree = items.mediaTree(source.id(), top.id());
            for (UUID id : tree) {
                if (copies.containsKey(id)) {
                    continue; // selected with a folder that holds it
                }
                java.util.Optional<UUID> before = sql.one("SELECT copy_item FROM backup_copy WHERE owner = ? "
                        + "AND source_item = ? AND folder = ?", row -> row.getObject(1, UUID.class), owner, id, folder);
                if (before.isPresent()) {
                    copies.put(id, before.get());
                    already++;
                    continue;
                }
                Item item = items.find(source.id(), id).orElseThrow();
                ObjectNode data = item.data() != null && item.data().isObject() ? ((ObjectNode) item.data()).deepCopy()
                        : json.createObjectNode();
                String parent = item.data() == null ? null : item.data().path("parent").asText(null);
                UUID into = id.equals(top.id()) || parent == null ? root : copies.getOrDefault(UUID.fromString(parent),
                        root);
                data.put("parent", into.toString()).put("folder", folder).put("backedUpFrom", source.id().toString())
                        .put("sourceItem", id.toString());
                UUID copy = items.copy(item, personal.id(), data);
                sql.update("INSERT INTO backup_copy (owner, source_item, folder, copy_item, copied_at) VALUES (?, ?, ?, "
                        + "?, ?)", owner, id, folder, copy, Instant.now());
                copies.put(id, copy);
                copied++;
            }
        }
        return new Outcome(copied, already);
    }

    /** The folder of that name at the top of the personal space's media library, made the first time. */
    private UUID rootFolder(Space personal, String name, String owner) {
        return items.topFolder(personal.id(), name).orElseGet(() -> items.create(personal.id(), Application.MEDIATHEQUE,
                name, null, json.createObjectNode().put("kind", "folder").putNull("parent"), owner, null).id());
    }
}
