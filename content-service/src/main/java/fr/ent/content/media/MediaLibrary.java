package fr.ent.content.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ent.content.item.Item;
import fr.ent.content.item.Items;
import fr.ent.content.retention.Application;
import fr.ent.support.rest.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Médiathèque: folders nested in folders and files in them, as items of the space (application MEDIATHEQUE) whose
 * {@code data} says {@code kind} (folder or file) and {@code parent} (a folder of the same space, null at the top);
 * a file's also its size, content type and blob. The retention matrix moves them like any item; recovery keeps the
 * tree.
 */
@ApplicationScoped
public class MediaLibrary {

    public static final String FOLDER = "folder";
    public static final String FILE = "file";

    private final Items items;
    private final Blobs blobs;
    private final ObjectMapper json;

    public MediaLibrary(Items items, Blobs blobs, ObjectMapper json) {
        this.items = items;
        this.blobs = blobs;
        this.json = json;
    }

    @Transactional
    public Item folder(UUID spaceId, String name, UUID parent, String creator, String creatorName) {
        checkParent(spaceId, parent);
        ObjectNode data = json.createObjectNode().put("kind", FOLDER).put("parent", parent == null ? null
                : parent.toString());
        return items.create(spaceId, Application.MEDIATHEQUE, name, null, data, creator, creatorName);
    }

    /** A file uploaded into a folder (or the top): its bytes stored as a blob (once per content), then its item. */
    @Transactional
    public Item file(UUID spaceId, String name, String contentType, Path bytes, UUID parent, String creator,
            String creatorName) throws IOException {
        checkParent(spaceId, parent);
        Blobs.Stored blob = blobs.store(bytes);
        ObjectNode data = json.createObjectNode().put("kind", FILE).put("parent", parent == null ? null
                : parent.toString()).put("size", blob.size()).put("contentType", contentType).put("sha256", blob.sha256());
        return items.createFile(spaceId, name, data, creator, creatorName, blob.sha256());
    }

    /** The folders then files directly in a folder (or at the top), by name. */
    public List<Item> children(UUID spaceId, UUID parent) {
        checkParent(spaceId, parent);
        return items.mediaChildren(spaceId, parent);
    }

    /** Deletes a file, or a folder with everything in it; returns how many items went (0: not in this space). */
    @Transactional
    public int delete(UUID spaceId, UUID id) {
        return items.deleteMediaTree(spaceId, id);
    }

    /** The file's item and its blob, if the item is a file of this space. */
    public java.util.Optional<File> fileOf(UUID spaceId, UUID id) {
        return items.find(spaceId, id).filter(item -> item.application() == Application.MEDIATHEQUE
                && item.data() != null && FILE.equals(item.data().path("kind").asText()))
                .flatMap(item -> items.blobOf(spaceId, id).map(blob -> new File(item, blob)));
    }

    public record File(Item item, String blob) {
        public String contentType() {
            return item.data().path("contentType").asText("application/octet-stream");
        }

        public long size() {
            return item.data().path("size").asLong();
        }
    }

    private void checkParent(UUID spaceId, UUID parent) {
        if (parent != null && items.find(spaceId, parent).filter(item -> item.application() == Application.MEDIATHEQUE
                && item.data() != null && FOLDER.equals(item.data().path("kind").asText())).isEmpty()) {
            throw new InvalidInputException("folderId", "no folder " + parent + " in this space's media library");
        }
    }
}
