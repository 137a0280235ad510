package fr.ent.content.space;

import fr.ent.content.retention.SpaceKind;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.support.jdbc.PendingWrites;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The owner of tables {@code space} and {@code space_member}: spaces and who belongs to them, with the roles that
 * decide what they may do there.
 */
@ApplicationScoped
public class Spaces {

    /** OWNER: the person of a personal space. */
    public enum Role { TEACHER, PUPIL, RESPONSABLE, OWNER }

    private static final String COLUMNS = "s.id, s.kind, s.uai, s.school_year, s.ref, s.name, s.departmental, s.closed_at";

    private final Sql sql;
    private final PendingWrites writes;

    public Spaces(Sql sql, PendingWrites writes) {
        this.sql = sql;
        this.writes = writes;
    }

    /**
     * A class from its ONDE roster: the space upserted, its pupils and the responsables linked to them as its members
     * now (those who are no longer in the roster are no longer members); teachers are left as they are.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void classRoster(OndeClass roster) {
        List<String> people = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (OndePupil pupil : roster.pupils()) {
            if (seen.add(Role.PUPIL + pupil.pupilId())) {
                people.add(pupil.pupilId());
                roles.add(Role.PUPIL.name());
            }
            for (OndePupil.Link link : pupil.responsables()) {
                if (seen.add(Role.RESPONSABLE + link.responsableId())) {
                    people.add(link.responsableId());
                    roles.add(Role.RESPONSABLE.name());
                }
            }
        }
        writes.add(ROSTER, UUID.randomUUID(), roster.uai(), roster.schoolYear(), roster.classId(), roster.name(),
                Sql.texts(people), Sql.texts(roles));
    }

    /**
     * One statement per roster, the same for every class, so that a run of rosters goes to the database in one batch
     * (PendingWrites): the space upserted, members no longer in the roster removed, the others inserted.
     */
    private static final String ROSTER = "WITH s AS (INSERT INTO space (id, kind, uai, school_year, ref, name) "
            + "VALUES (?, 'CLASS', ?, ?, ?, ?) ON CONFLICT (kind, uai, school_year, ref) DO UPDATE SET "
            + "name = COALESCE(EXCLUDED.name, space.name) RETURNING id), "
            + "n AS (SELECT * FROM unnest(?::text[], ?::text[]) AS n(person_id, role)), "
            + "gone AS (DELETE FROM space_member m USING s WHERE m.space_id = s.id AND m.role <> 'TEACHER' "
            + "AND NOT EXISTS (SELECT 1 FROM n WHERE n.person_id = m.person_id AND n.role = m.role) RETURNING 1) "
            + "INSERT INTO space_member (space_id, person_id, role) SELECT s.id, n.person_id, n.role FROM s, n "
            + "ON CONFLICT DO NOTHING";

    /** ONDE no longer has the class: its pupils and responsables are no longer members. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void classRemoved(OndeClass.Removed removed) {
        writes.add("DELETE FROM space_member m USING space s WHERE m.space_id = s.id AND s.kind = 'CLASS' "
                + "AND s.uai = ? AND s.school_year = ? AND s.ref = ? AND m.role <> 'TEACHER'", removed.uai(),
                removed.schoolYear(), removed.classId());
    }

    /** A teacher chose the class (CLS-2): a teacher of its space. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void teacher(String uai, String schoolYear, String classId, String teacherId) {
        UUID id = classSpace(uai, schoolYear, classId, null);
        sql.update("INSERT INTO space_member (space_id, person_id, role) VALUES (?, ?, 'TEACHER') ON CONFLICT DO NOTHING",
                id, teacherId);
    }

    private UUID classSpace(String uai, String schoolYear, String classId, String name) {
        return sql.one("INSERT INTO space (id, kind, uai, school_year, ref, name) VALUES (?, 'CLASS', ?, ?, ?, ?) "
                + "ON CONFLICT (kind, uai, school_year, ref) DO UPDATE SET name = COALESCE(EXCLUDED.name, space.name) "
                + "RETURNING id", row -> row.getObject(1, UUID.class), UUID.randomUUID(), uai, schoolYear, classId,
                name).orElseThrow();
    }

    /** The person's own space (kind PERSONAL), made the first time it is asked for. */
    public Space personal(String personId) {
        sql.update("INSERT INTO space (id, kind, uai, school_year, ref, name) VALUES (?, 'PERSONAL', NULL, NULL, ?, "
                + "'Espace personnel') ON CONFLICT (ref) WHERE kind = 'PERSONAL' DO NOTHING", UUID.randomUUID(), personId);
        Space space = sql.one("SELECT " + COLUMNS + " FROM space s WHERE s.kind = 'PERSONAL' AND s.ref = ?", Spaces::row,
                personId).orElseThrow();
        sql.update("INSERT INTO space_member (space_id, person_id, role) VALUES (?, ?, 'OWNER') ON CONFLICT DO NOTHING",
                space.id(), personId);
        return space;
    }

    public Optional<Space> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM space s WHERE s.id = ?", Spaces::row, id);
    }

    /** The caller's roles in the space (none: not a member). */
    public Set<Role> roles(UUID spaceId, String personId) {
        Set<Role> roles = new LinkedHashSet<>();
        sql.list("SELECT role FROM space_member WHERE space_id = ? AND person_id = ?", row -> row.getString(1),
                spaceId, personId).forEach(role -> roles.add(Role.valueOf(role)));
        return roles;
    }

    /** A space and the caller's roles in it. */
    public record Membership(Space space, Set<Role> roles) {
    }

    /** The open spaces the person belongs to, with their roles. */
    public List<Membership> ofPerson(String personId) {
        List<Membership> memberships = new ArrayList<>();
        sql.list("SELECT " + COLUMNS + ", array_agg(m.role ORDER BY m.role) FROM space s JOIN space_member m "
                + "ON m.space_id = s.id WHERE m.person_id = ? AND s.closed_at IS NULL GROUP BY s.id "
                + "ORDER BY s.school_year DESC, s.uai, s.ref", row -> {
                    Set<Role> roles = new LinkedHashSet<>();
                    Sql.texts(row, "array_agg").forEach(r -> roles.add(Role.valueOf(r)));
                    return new Membership(row(row), roles);
                }, personId).forEach(memberships::add);
        return memberships;
    }

    /** The school's open spaces of a school year (the switchover closes them). */
    public List<Space> openOfYear(String uai, String schoolYear) {
        return sql.list("SELECT " + COLUMNS + " FROM space s WHERE s.uai = ? AND s.school_year = ? "
                + "AND s.closed_at IS NULL ORDER BY s.ref", Spaces::row, uai, schoolYear);
    }

    /** In the switchover's transaction. */
    public int close(List<UUID> ids, UUID switchoverId) {
        return sql.update("UPDATE space SET closed_at = now(), closed_by = ? WHERE id = ANY (?::uuid[]) "
                + "AND closed_at IS NULL", switchoverId, Sql.array("uuid", ids.toArray()));
    }

    static Space row(ResultSet row) throws SQLException {
        Timestamp closed = row.getTimestamp(8);
        return new Space(row.getObject(1, UUID.class), SpaceKind.valueOf(row.getString(2)), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), row.getBoolean(7),
                closed == null ? null : closed.toInstant());
    }
}
