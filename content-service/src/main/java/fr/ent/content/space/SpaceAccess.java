package fr.ent.content.space;

import fr.ent.content.retention.SpaceKind;
import fr.ent.support.rest.ProblemException;
import fr.ent.support.security.Caller;
import fr.ent.support.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.Set;
import java.util.UUID;

/**
 * Who may do what in a space. A class, work group or partnership: its members read it (a partnership's members are
 * those of its open member classes; a class's parents read it), its teachers and the directeur of its school manage
 * it. A school space: everyone of the school reads it (their token names the school), its teachers and directeur
 * manage it. A town space: everybody reads it, the rectorat and the operators manage it. A personal space: its owner.
 * A space the caller has nothing to do with is answered like an unknown one; a space the switchover closed is gone for
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

    /**
     * The space, if the caller may post an item of the application there: those who manage it, or a pupil of it
     * where its teachers let pupils post in that application.
     */
    public Space post(UUID id, fr.ent.content.retention.Application application) {
        Space space = check(id, false);
        if (right(space) != Right.MANAGE && !pupilMayPost(space, application)) {
            throw new ProblemException(403, null, space.pupilPosting().contains(application.name())
                    ? "only the space's pupils and those who manage it post here"
                    : "pupils post in " + application + " here only if the space's teachers allow it "
                            + "(PUT /api/spaces/{spaceId}/pupil-posting)");
        }
        return space;
    }

    /** The space, if the caller may change or delete this item of it: who manages it, or its pupil author. */
    public Space changeItem(UUID id, fr.ent.content.item.Item item) {
        Space space = check(id, false);
        boolean ownPost = item.creator().equals(caller.personId().orElse(null))
                && pupilMayPost(space, item.application());
        if (right(space) != Right.MANAGE && !ownPost) {
            throw new ProblemException(403, null, "only those who manage the space, and a pupil for what they posted "
                    + "where pupils may post, change its content");
        }
        return space;
    }

    private boolean pupilMayPost(Space space, fr.ent.content.retention.Application application) {
        String person = caller.personId().orElse(null);
        return person != null && caller.roles().contains(Roles.ELEVE)
                && space.pupilPosting().contains(application.name())
                && spaces.roles(space.id(), person).contains(Spaces.Role.PUPIL);
    }

    private enum Right { NONE, READ, MANAGE }

    private Space check(UUID id, boolean manage) {
        Space space = spaces.find(id).orElseThrow(() -> unknown(id));
        Right right = right(space);
        if (right == Right.NONE) {
            throw unknown(id);
        }
        if (space.closed()) {
            throw new ProblemException(410, null, "space " + id + " was closed by the switchover of its school year; "
                    + "its teachers find what was archived for them in GET /api/me/recovery");
        }
        if (manage && right != Right.MANAGE) {
            throw new ProblemException(403, null, switch (space.kind()) {
                case PERSONAL -> "only its owner manages a personal space";
                case TOWN -> "only the rectorat and the operators manage a town's space";
                default -> "only the space's teachers and the directeur of its school manage its content";
            });
        }
        return space;
    }

    private Right right(Space space) {
        Set<String> tokenRoles = caller.roles();
        boolean ofSchool = space.uai() != null && caller.uais().contains(space.uai());
        if (space.kind() == SpaceKind.TOWN) {
            return tokenRoles.contains(Roles.RECTORAT) || tokenRoles.contains(Roles.OPERATEUR) ? Right.MANAGE : Right.READ;
        }
        if (space.kind() == SpaceKind.SCHOOL) {
            if (!ofSchool) {
                return Right.NONE;
            }
            return tokenRoles.contains(Roles.DIRECTEUR) || tokenRoles.contains(Roles.ENSEIGNANT) ? Right.MANAGE
                    : Right.READ;
        }
        if (ofSchool && tokenRoles.contains(Roles.DIRECTEUR) && space.kind() != SpaceKind.PERSONAL) {
            return Right.MANAGE;
        }
        String person = caller.personId().orElse(null);
        Set<Spaces.Role> roles = person == null ? Set.of() : spaces.roles(space.id(), person);
        if (roles.contains(Spaces.Role.TEACHER) || roles.contains(Spaces.Role.OWNER)) {
            return Right.MANAGE;
        }
        return roles.isEmpty() ? Right.NONE : Right.READ;
    }

    public String personId() {
        return caller.personId().orElseThrow(() -> new ProblemException(403, null,
                "the caller's token has no person_id"));
    }

    private static NotFoundException unknown(UUID id) {
        return new NotFoundException("no space " + id);
    }
}
