package fr.ent.content.item;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.content.retention.Application;
import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.content.space.Spaces;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.rest.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * CNT-3: before the switchover, a teacher copies files of a class's media library into a folder of their personal
 * space, which the switchover keeps (MEDIATHEQUE, PERSONAL: K). Once the switchover has closed the class, a clear
 * refusal (410); the deadline is the switchover's date (CNT-5, the reminders say when).
 */
@Path("/api/me/backup")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {

    /**
     * @param folder the folder of the personal space the copies go to; by default "Sauvegarde <class> <year>"
     */
    public record Selection(@NotNull UUID spaceId, @NotEmpty @Size(max = 5_000) List<@NotNull UUID> items,
            @Size(max = 255) String folder) {
    }

    public record BackedUp(UUID personalSpaceId, String folder, int copied, int alreadyCopied) {
    }

    private final SpaceAccess access;
    private final Spaces spaces;
    private final Items items;
    private final Sql sql;
    private final ObjectMapper json;

    public BackupResource(SpaceAccess access, Spaces spaces, Items items, Sql sql, ObjectMapper json) {
        this.access = access;
        this.spaces = spaces;
        this.items = items;
        this.sql = sql;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ENSEIGNANT, DIRECTEUR})
    @Transactional
    public BackedUp backUp(@Valid @NotNull Selection selection) {
        Space source = access.manage(selection.spaceId());
        String owner = access.personId();
        String folder = selection.folder() == null || selection.folder().isBlank()
                ? "Sauvegarde " + source.name() + " " + source.schoolYear() : selection.folder().trim();
        Space personal = spaces.personal(owner);
        int copied = 0;
        int already = 0;
        for (UUID id : new LinkedHashSet<>(selection.items())) {
            Item item = items.find(source.id(), id).orElseThrow(() -> new InvalidInputException("items",
                    "item " + id + " is not in space " + source.id()));
            if (item.application() != Application.MEDIATHEQUE) {
                throw new InvalidInputException("items", "item " + id + " is " + item.application()
                        + ": a manual backup copies media-library files (CNT-3)");
            }
            boolean done = sql.one("SELECT 1 FROM backup_copy WHERE owner = ? AND source_item = ? AND folder = ?",
                    row -> true, owner, id, folder).isPresent();
            if (done) {
                already++;
                continue;
            }
            ObjectNode data = item.data() != null && item.data().isObject() ? ((ObjectNode) item.data()).deepCopy()
                    : json.createObjectNode();
            data.put("folder", folder).put("backedUpFrom", source.id().toString()).put("sourceItem", id.toString());
            Item copy = items.create(personal.id(), Application.MEDIATHEQUE, item.title(), item.body(), data,
                    item.creator());
            sql.update("INSERT INTO backup_copy (owner, source_item, folder, copy_item, copied_at) VALUES (?, ?, ?, ?, ?)",
                    owner, id, folder, copy.id(), Instant.now());
            copied++;
        }
        return new BackedUp(personal.id(), folder, copied, already);
    }
}
