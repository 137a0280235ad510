package fr.ent.content.switchover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.content.retention.Application;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The owner of tables {@code recovery_item} (what a switchover archived for a teacher) and {@code recovery_copy}
 * (what a teacher recovered, and where).
 */
@ApplicationScoped
public class Recoveries {

    /** Who an archived item is for when its class had no teacher: {@code school:<uai>} (to hand on). */
    static final String SCHOOL_PREFIX = "school:";

    /** An item archived for the teacher, with where it came from and the spaces it was recovered into. */
    /**
     * @param sourceItem the item's id in last year's space: a media item's {@code data.parent} names its folder's, so
     *                   that a client lays the archived tree out as it was
     */
    public record Archived(UUID id, UUID sourceItem, Application application, String title, String body,
            com.fasterxml.jackson.databind.JsonNode data, String creator, Instant createdAt, String uai,
            String schoolYear, String classId, String className, Instant archivedAt, List<String> recoveredInto) {
    }

    private final Sql sql;
    private final ObjectMapper json;

    public Recoveries(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /** What archiving wrote: the (teacher, item) rows due, and those inserted now. */
    record Archiving(long due, long inserted) {
    }

    /**
     * In the switchover's transaction: archives the items of these spaces whose applications are archived, for every
     * teacher of their space (or the school when it had none), or for their creator only, in one statement that also
     * counts the rows due.
     */
    Archiving archive(UUID switchoverId, List<UUID> spaces, List<String> forTeachers, List<String> forCreator) {
        return sql.one(RECIPIENTS + ", archived AS (INSERT INTO recovery_item (id, switchover_id, teacher, source_item, "
                + "uai, school_year, class_id, class_name, application, title, body, data, creator, creator_name, "
                + "blob, created_at, archived_at) SELECT gen_random_uuid(), ?, r.teacher, i.id, s.uai, s.school_year, "
                + "s.ref, s.name, i.application, i.title, i.body, i.data, i.creator, i.creator_name, i.blob, "
                + "i.created_at, now() FROM r JOIN content_item i "
                + "ON i.id = r.item JOIN space s ON s.id = i.space_id ON CONFLICT (teacher, source_item) DO NOTHING "
                + "RETURNING 1) SELECT (SELECT count(*) FROM r), (SELECT count(*) FROM archived)",
                row -> new Archiving(row.getLong(1), row.getLong(2)),
                append(recipients(spaces, forTeachers, forCreator), switchoverId)).orElseThrow();
    }

    private static Object[] append(Object[] first, Object last) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + 1);
        all[first.length] = last;
        return all;
    }

    /**
     * The archive rows of the switchover found for the items of these spaces, each with its file's blob when it has
     * one, read back item by item through the index on {@code source_item} (a join would let the planner scan the
     * whole archive, whose statistics lag behind while a switchover fills it).
     */
    long written(UUID switchoverId, List<UUID> spaces) {
        return sql.one("SELECT coalesce(sum(x.n), 0) FROM content_item i CROSS JOIN LATERAL (SELECT count(*) AS n "
                + "FROM recovery_item r WHERE r.source_item = i.id AND r.switchover_id = ? AND r.blob IS NOT DISTINCT "
                + "FROM i.blob AND (r.blob IS NULL OR EXISTS (SELECT 1 FROM blob b WHERE b.sha256 = r.blob))) x "
                + "WHERE i.space_id = ANY (?::uuid[])", row -> row.getLong(1), switchoverId,
                Sql.array("uuid", spaces.toArray())).orElse(0L);
    }

    /**
     * The items to archive with who they are for, as {@code r (item, teacher)}, set-based over the spaces: {@code t}
     * holds each space's teachers — its own, and for a partnership those of its member classes of that year (closed
     * or not: the switchover of their school may have come first); an item of an application archived for every
     * teacher goes to each of them (to the school when its space had none), one archived for its creator to them.
     * Parameters: {@link #recipients}.
     */
    private static final String RECIPIENTS = "WITH t AS (SELECT m.space_id, m.person_id FROM space_member m "
            + "WHERE m.space_id = ANY (?::uuid[]) AND m.role = 'TEACHER' UNION SELECT l.space_id, m.person_id "
            + "FROM space_link l JOIN space_member m ON m.space_id = l.class_space_id AND m.role = 'TEACHER' "
            + "WHERE l.space_id = ANY (?::uuid[])), "
            + "r AS (SELECT i.id AS item, t.person_id AS teacher FROM content_item i JOIN t ON t.space_id = i.space_id "
            + "WHERE i.space_id = ANY (?::uuid[]) AND i.application = ANY (?::text[]) "
            + "UNION ALL SELECT i.id, '" + SCHOOL_PREFIX + "' || s.uai FROM content_item i JOIN space s ON s.id = i.space_id "
            + "WHERE i.space_id = ANY (?::uuid[]) AND i.application = ANY (?::text[]) AND NOT EXISTS (SELECT 1 FROM t "
            + "WHERE t.space_id = i.space_id) "
            + "UNION ALL SELECT i.id, i.creator FROM content_item i WHERE i.space_id = ANY (?::uuid[]) "
            + "AND i.application = ANY (?::text[])) ";

    private static Object[] recipients(List<UUID> spaces, List<String> forTeachers, List<String> forCreator) {
        Object ids = Sql.array("uuid", spaces.toArray());
        return new Object[] {ids, ids, ids, Sql.texts(forTeachers), ids, Sql.texts(forTeachers), ids,
                Sql.texts(forCreator)};
    }

    /**
     * Purges what was archived longer ago than the retention, and the records of its recoveries (the recovered
     * copies stay in their spaces); their blobs are then freed by the sweep. Returns the archived items purged.
     */
    @jakarta.transaction.Transactional
    public int purge(java.time.Duration retention) {
        double seconds = retention.toSeconds();
        sql.update("DELETE FROM recovery_copy c USING recovery_item r WHERE r.id = c.recovery_item "
                + "AND r.archived_at < now() - make_interval(secs => ?)", seconds);
        return sql.update("DELETE FROM recovery_item WHERE archived_at < now() - make_interval(secs => ?)", seconds);
    }

    /** What was archived for the teacher, by application then class and date. */
    public List<Archived> of(String teacher) {
        return sql.list("SELECT r.id, r.application, r.title, r.body, r.data::text, r.creator, r.created_at, r.uai, "
                + "r.school_year, r.class_id, r.class_name, r.archived_at, array_remove(array_agg(c.space_id::text "
                + "ORDER BY c.space_id), NULL), r.source_item FROM recovery_item r LEFT JOIN recovery_copy c ON c.recovery_item = r.id "
                + "WHERE r.teacher = ? GROUP BY r.id ORDER BY r.application, r.school_year DESC, r.class_id, "
                + "r.created_at", this::archived, teacher);
    }

    /**
     * Copies the teacher's archived items into the space, each at most once; returns how many were copied now (the
     * others were copied before, or are not the teacher's).
     */
    int copy(String teacher, List<UUID> ids, UUID spaceId) {
        int copied = copyOnce(teacher, ids, spaceId);
        relinkFolders(teacher, spaceId);
        return copied;
    }

    /**
     * The media tree kept: every item the teacher recovered into the space that was in a folder is put in that
     * folder's copy there, or at the top while the folder is not recovered (done again at each recovery, so that the
     * order in which a folder and its files are recovered does not matter).
     */
    private void relinkFolders(String teacher, UUID spaceId) {
        sql.update("UPDATE content_item c SET data = jsonb_set(c.data, '{parent}', coalesce(to_jsonb(pc.item_id::text), "
                + "'null'::jsonb)) FROM recovery_copy rc JOIN recovery_item r ON r.id = rc.recovery_item "
                + "LEFT JOIN recovery_item rp ON rp.teacher = r.teacher AND rp.source_item::text = r.data->>'parent' "
                + "LEFT JOIN recovery_copy pc ON pc.recovery_item = rp.id AND pc.space_id = rc.space_id "
                + "WHERE rc.space_id = ? AND r.teacher = ? AND c.id = rc.item_id AND r.application = 'MEDIATHEQUE' "
                + "AND r.data->>'parent' IS NOT NULL AND c.data->'parent' IS DISTINCT FROM coalesce(to_jsonb(pc.item_id::text), "
                + "'null'::jsonb)", spaceId, teacher);
    }

    private int copyOnce(String teacher, List<UUID> ids, UUID spaceId) {
        return sql.one("WITH chosen AS (SELECT r.*, gen_random_uuid() AS item_id FROM recovery_item r WHERE r.teacher = ? "
                + "AND r.id = ANY (?::uuid[]) AND NOT EXISTS (SELECT 1 FROM recovery_copy c WHERE c.recovery_item = r.id "
                + "AND c.space_id = ?)), copies AS (INSERT INTO recovery_copy (recovery_item, space_id, item_id, "
                + "copied_at) SELECT id, ?, item_id, now() FROM chosen RETURNING 1), items AS (INSERT INTO content_item "
                + "(id, space_id, application, title, body, data, creator, creator_name, blob, created_at, updated_at) "
                + "SELECT item_id, ?, application, title, body, data, creator, creator_name, blob, created_at, now() "
                + "FROM chosen RETURNING 1) "
                + "SELECT count(*) FROM items", row -> row.getInt(1), teacher, Sql.array("uuid", ids.toArray()), spaceId,
                spaceId, spaceId).orElse(0);
    }

    /** The ids among these that are archived for the teacher. */
    List<UUID> owned(String teacher, List<UUID> ids) {
        return sql.list("SELECT id FROM recovery_item WHERE teacher = ? AND id = ANY (?::uuid[])",
                row -> row.getObject(1, UUID.class), teacher, Sql.array("uuid", ids.toArray()));
    }

    private Archived archived(ResultSet row) throws SQLException {
        try {
            String data = row.getString(5);
            return new Archived(row.getObject(1, UUID.class), row.getObject("source_item", UUID.class),
                    Application.valueOf(row.getString(2)), row.getString(3),
                    row.getString(4), data == null ? null : json.readTree(data), row.getString(6),
                    row.getTimestamp(7).toInstant(), row.getString(8), row.getString(9), row.getString(10),
                    row.getString(11), row.getTimestamp(12).toInstant(), Sql.texts(row, "array_remove"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable data of archived item " + row.getString(1), e);
        }
    }
}
