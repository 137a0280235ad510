package fr.ent.content.space;

import fr.ent.support.rest.ProblemException;
import fr.ent.support.security.Caller;
import fr.ent.support.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.Set;
import java.util.UUID;

/**
 * Who may do what in a space: its members read it; its teachers and the directeur of its school manage it. A space
 * the caller has nothing to do with is answered like an unknown one; a space the switchover closed is gone for
 * everybody (CNT-6) — its teachers find what was archived for them under recovery.
 */
@RequestScoped
public class SpaceAccess {

    private final Caller caller;
    private final Spaces spaces;

    public SpaceAccess(Caller caller, Spaces spaces) {
        this.caller = caller;
        this.spaces = spaces;
    }

    /** The space, if the caller may read it. */
    public Space read(UUID id) {
        return check(id, false);
    }

    /** The space, if the caller may manage its content. */
    public Space manage(UUID id) {
        return check(id, true);
    }

    private Space check(UUID id, boolean manage) {
        Space space = spaces.find(id).orElseThrow(() -> unknown(id));
        String person = caller.personId().orElse(null);
        Set<Spaces.Role> roles = person == null ? Set.of() : spaces.roles(id, person);
        boolean director = caller.roles().contains(Roles.DIRECTEUR) && space.uai() != null
                && caller.uais().contains(space.uai());
        if (roles.isEmpty() && !director) {
            throw unknown(id);
        }
        if (space.closed()) {
            throw new ProblemException(410, null, "space " + id + " was closed by the switchover of its school year; "
                    + "its teachers find what was archived for them in GET /api/me/recovery");
        }
        if (manage && !director && !roles.contains(Spaces.Role.TEACHER) && !roles.contains(Spaces.Role.OWNER)) {
            throw new ProblemException(403, null, "only the space's teachers and the directeur of its school manage "
                    + "its content (a personal space: its owner)");
        }
        return space;
    }

    public String personId() {
        return caller.personId().orElseThrow(() -> new ProblemException(403, null,
                "the caller's token has no person_id"));
    }

    private static NotFoundException unknown(UUID id) {
        return new NotFoundException("no space " + id);
    }
}
