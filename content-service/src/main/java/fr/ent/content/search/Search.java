package fr.ent.content.search;

import fr.ent.content.item.Item;
import fr.ent.content.item.Items;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * Full-text search (PostgreSQL, French configuration) over the items of the open spaces a person may read — the same
 * rules as {@link fr.ent.content.space.SpaceAccess}: spaces they belong to (a partnership through an open class of
 * theirs), their schools' school spaces, every town's, and for a directeur every space of their schools but personal
 * ones. A closed space's content is never found (CNT-6).
 */
@ApplicationScoped
public class Search {

    /** A found item, where it is, how well it matches, and its text around the words found. */
    public record Hit(Item item, UUID spaceId, String spaceKind, String spaceName, double rank, String excerpt) {
    }

    private record Found(UUID item, UUID spaceId, String spaceKind, String spaceName, double rank, String excerpt) {
    }

    private final Sql sql;
    private final Items items;

    public Search(Sql sql, Items items) {
        this.sql = sql;
        this.items = items;
    }

    public List<Hit> find(String query, String personId, Collection<String> schools, Collection<String> directed,
            int limit) {
        List<Found> found = sql.list("WITH q AS (SELECT websearch_to_tsquery('french', ?) AS q), readable AS ("
                + "SELECT space_id FROM space_member WHERE person_id = ? "
                + "UNION SELECT l.space_id FROM space_member m JOIN space c ON c.id = m.space_id AND c.closed_at IS NULL "
                + "JOIN space_link l ON l.class_space_id = c.id WHERE m.person_id = ? "
                + "UNION SELECT id FROM space WHERE kind = 'SCHOOL' AND uai = ANY (?::text[]) "
                + "UNION SELECT id FROM space WHERE kind = 'TOWN' "
                + "UNION SELECT id FROM space WHERE kind <> 'PERSONAL' AND uai = ANY (?::text[])) "
                + "SELECT i.id, s.id, s.kind, s.name, ts_rank(i.search, q.q), ts_headline('french', coalesce(i.title, '') "
                + "|| ' — ' || coalesce(regexp_replace(i.body, '<[^>]+>', ' ', 'g'), ''), q.q, 'StartSel=«, StopSel=», "
                + "MaxWords=30, MinWords=12') FROM q, content_item i JOIN space s ON s.id = i.space_id "
                + "WHERE s.closed_at IS NULL AND i.space_id IN (SELECT space_id FROM readable) AND i.search @@ q.q "
                + "ORDER BY 5 DESC, i.created_at DESC, i.id LIMIT ?",
                row -> new Found(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        row.getString(4), row.getDouble(5), row.getString(6)),
                query, personId, personId, Sql.texts(schools), Sql.texts(directed), limit);
        // The items themselves in one query, not one each.
        Map<UUID, Item> byId = new HashMap<>();
        items.byIds(found.stream().map(Found::item).toList()).forEach(item -> byId.put(item.id(), item));
        return found.stream().filter(f -> byId.containsKey(f.item())).map(f -> new Hit(byId.get(f.item()), f.spaceId(),
                f.spaceKind(), f.spaceName(), f.rank(), f.excerpt())).toList();
    }
}
