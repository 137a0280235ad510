package fr.ent.content.space;

import fr.ent.content.retention.SpaceKind;
import java.time.Instant;
import java.util.UUID;

/**
 * A space where content lives. A class space is known by its school, school year and ONDE class id.
 *
 * @param closedAt when the switchover of its year closed it; null while open
 * @param pupilPosting the applications in which its pupils may post, as its teachers decided
 */
public record Space(UUID id, SpaceKind kind, String uai, String schoolYear, String ref, String name,
        boolean departmental, Instant closedAt, java.util.List<String> pupilPosting) {

    public boolean closed() {
        return closedAt != null;
    }
}
