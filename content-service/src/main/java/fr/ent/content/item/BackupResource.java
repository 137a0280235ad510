package fr.ent.content.item;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.content.space.Spaces;
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
    private final Backups backups;

    public BackupResource(SpaceAccess access, Spaces spaces, Backups backups) {
        this.access = access;
        this.spaces = spaces;
        this.backups = backups;
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
        Backups.Outcome outcome = backups.copy(source, selection.items(), personal, owner, folder);
        return new BackedUp(personal.id(), folder, outcome.copied(), outcome.alreadyCopied());
    }
}
