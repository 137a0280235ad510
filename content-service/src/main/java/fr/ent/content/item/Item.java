package fr.ent.content.item;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.content.retention.Application;
import java.time.Instant;
import java.util.UUID;

/**
 * An item of an application in a space: a blog article, a media file's record, a contest, a map point, a homework
 * entry…
 *
 * @param data what the application adds (a point's coordinates, an entry's day…), a JSON object or null
 * @param creator the person id of who created it
 * @param creatorName how the ENT named them when they created it (null for items made before it was kept)
 */
public record Item(UUID id, UUID spaceId, Application application, String title, String body, JsonNode data,
        String creator, String creatorName, Instant createdAt, Instant updatedAt) {
}
