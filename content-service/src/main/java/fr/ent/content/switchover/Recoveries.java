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
    public record Archived(UUID id, Application application, String title, String body,
            com.fasterxml.jackson.databind.JsonNode data, String creator, Instant createdAt, String uai,
            String schoolYear, String classId, String className, Instant archivedAt, List<String> recoveredInto) {
    }

    private final Sql sql;
    private final ObjectMapper json;

    public Recoveries(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /**
     * In the switchover's transaction: archives the items of these spaces whose applications are archived, for every
     * teacher of their space (or the school when it had none), or for their creator only; returns the rows written.
     */
    int archive(UUID switchoverId, List<UUID> spaces, List<String> forTeachers, List<String> forCreator) {
        return sql.update("INSERT INTO recovery_item (id, switchover_id, teacher, source_item, uai, school_year, "
                + "class_id, class_name, application, title, body, data, creator, created_at, archived_at) "
                + "SELECT gen_random_uuid(), ?, r.teacher, i.id, s.uai, s.school_year, s.ref, s.name, i.application, "
                + "i.title, i.body, i.data, i.creator, i.created_at, now() " + RECIPIENTS
                + " ON CONFLICT (teacher, source_item) DO NOTHING", concat(switchoverId,
                recipients(spaces, forTeachers, forCreator)));
    }

    /** How many (teacher, item) archive rows the archiving must have written: the verification. */
    long expected(List<UUID> spaces, List<String> forTeachers, List<String> forCreator) {
        return sql.one("SELECT count(*) " + RECIPIENTS, row -> row.getLong(1),
                recipients(spaces, forTeachers, forCreator)).orElse(0L);
    }

    private static Object[] concat(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    long written(UUID switchoverId, List<UUID> spaces) {
        return sql.one("SELECT count(*) FROM recovery_item r JOIN content_item i ON i.id = r.source_item "
                + "WHERE r.switchover_id = ? AND i.space_id = ANY (?::uuid[])", row -> row.getLong(1), switchoverId,
                Sql.array("uuid", spaces.toArray())).orElse(0L);
    }

    /**
     * The teachers of space {@code s}: its own, and for a partnership those of its member classes of that year (closed
     * or not: the switchover of their school may have come first).
     */
    private static final String TEACHERS_OF_S = "m.role = 'TEACHER' AND (m.space_id = s.id OR m.space_id IN (SELECT "
            + "l.class_space_id FROM space_link l WHERE l.space_id = s.id))";

    /**
     * Items to archive with their recipients; parameters: the applications archived for every teacher (twice), those
     * archived for their creator, the spaces ({@link #recipients}).
     */
    private static final String RECIPIENTS = "FROM content_item i JOIN space s ON s.id = i.space_id "
            + "CROSS JOIN LATERAL (SELECT m.person_id AS teacher FROM space_member m WHERE " + TEACHERS_OF_S
            + " AND i.application = ANY (?::text[]) "
            + "UNION SELECT '" + SCHOOL_PREFIX + "' || s.uai WHERE i.application = ANY (?::text[]) AND NOT EXISTS (SELECT 1 "
            + "FROM space_member m WHERE " + TEACHERS_OF_S + ") "
            + "UNION SELECT i.creator WHERE i.application = ANY (?::text[])) r "
            + "WHERE i.space_id = ANY (?::uuid[])";

    private static Object[] recipients(List<UUID> spaces, List<String> forTeachers, List<String> forCreator) {
        return new Object[] {Sql.texts(forTeachers), Sql.texts(forTeachers), Sql.texts(forCreator),
                Sql.array("uuid", spaces.toArray())};
    }

    /** What was archived for the teacher, by application then class and date. */
    public List<Archived> of(String teacher) {
        return sql.list("SELECT r.id, r.application, r.title, r.body, r.data::text, r.creator, r.created_at, r.uai, "
                + "r.school_year, r.class_id, r.class_name, r.archived_at, array_remove(array_agg(c.space_id::text "
                + "ORDER BY c.space_id), NULL) FROM recovery_item r LEFT JOIN recovery_copy c ON c.recovery_item = r.id "
                + "WHERE r.teacher = ? GROUP BY r.id ORDER BY r.application, r.school_year DESC, r.class_id, "
                + "r.created_at", this::archived, teacher);
    }

    /**
     * Copies the teacher's archived items into the space, each at most once; returns how many were copied now (the
     * others were copied before, or are not the teacher's).
     */
    int copy(String teacher, List<UUID> ids, UUID spaceId) {
        return sql.one("WITH chosen AS (SELECT r.*, gen_random_uuid() AS item_id FROM recovery_item r WHERE r.teacher = ? "
                + "AND r.id = ANY (?::uuid[]) AND NOT EXISTS (SELECT 1 FROM recovery_copy c WHERE c.recovery_item = r.id "
                + "AND c.space_id = ?)), copies AS (INSERT INTO recovery_copy (recovery_item, space_id, item_id, "
                + "copied_at) SELECT id, ?, item_id, now() FROM chosen RETURNING 1), items AS (INSERT INTO content_item "
                + "(id, space_id, application, title, body, data, creator, created_at, updated_at) SELECT item_id, ?, "
                + "application, title, body, data, creator, created_at, now() FROM chosen RETURNING 1) "
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
            return new Archived(row.getObject(1, UUID.class), Application.valueOf(row.getString(2)), row.getString(3),
                    row.getString(4), data == null ? null : json.readTree(data), row.getString(6),
                    row.getTimestamp(7).toInstant(), row.getString(8), row.getString(9), row.getString(10),
                    row.getString(11), row.getTimestamp(12).toInstant(), Sql.texts(row, "array_remove"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable data of archived item " + row.getString(1), e);
        }
    }
}
