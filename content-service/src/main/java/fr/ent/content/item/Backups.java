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
     * Copies the selected media files of {@code source} into {@code folder} of {@code personal}; an item of another
     * space or application is refused (field {@code items}) before anything is copied. Runs in the caller's
     * transaction.
     */
    public Outcome copy(Space source, Collection<UUID> selection, Space personal, String owner, String folder) {
        java.util.List<Item> chosen = selection.stream().distinct().map(id -> items.find(source.id(), id)
                .orElseThrow(() -> new InvalidInputException("items", "item " + id + " is not in space " + source.id())))
                .toList();
        for (Item item : chosen) {
            if (item.application() != Application.MEDIATHEQUE) {
                throw new InvalidInputException("items", "item " + item.id() + " is " + item.application()
                        + ": a manual backup copies media-library files (CNT-3)");
            }
        }
        int copied = 0;
        for (Item item : chosen) {
            ObjectNode data = item.data() != null && item.data().isObject() ? ((ObjectNode) item.data()).deepCopy()
                    : json.createObjectNode();
            data.put("folder", folder).put("backedUpFrom", source.id().toString()).put("sourceItem", item.id().toString());
            if (sql.one("SELECT 1 FROM backup_copy WHERE owner = ? AND source_item = ? AND folder = ?", row -> true,
                    owner, item.id(), folder).isPresent()) {
                continue; // in the folder already
            }
            UUID copy = items.copy(item, personal.id(), data);
            sql.update("INSERT INTO backup_copy (owner, source_item, folder, copy_item, copied_at) VALUES (?, ?, ?, ?, ?)",
                    owner, item.id(), folder, copy, Instant.now());
            copied++;
        }
        return new Outcome(copied, chosen.size() - copied);
    }
}
