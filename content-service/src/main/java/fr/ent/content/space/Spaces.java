package fr.ent.content.space;

import fr.ent.content.retention.SpaceKind;
import fr.ent.contracts.classes.PartnershipChanged;
import fr.ent.contracts.classes.WorkGroupChanged;
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
 * The owner of tables {@code space}, {@code space_member} and {@code space_link}: spaces and who belongs to them, with
 * the roles that decide what they may do there. Class spaces follow ONDE's rosters and the teachers' choices; work
 * groups and partnerships follow class-service's state events (a partnership's members are those of its open member
 * classes); each school has a school space; town spaces are made by the rectorat.
 */
@ApplicationScoped
public class Spaces {

    /**
     * OWNER: the person of a personal space. STAFF and READER are not stored: a school space's, given by the caller's
     * token (its teachers and directeur; its pupils and parents).
     */
    public enum Role { TEACHER, PUPIL, RESPONSABLE, OWNER, STAFF, READER }

    private static final String COLUMNS = "s.id, s.kind, s.uai, s.school_year, s.ref, s.name, s.departmental, s.closed_at, "
            + "s.pupil_posting";

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

    /**
     * A work group as class-service published it: its space upserted, its pupils and teachers the members from now on.
     * An ended group is left to the switchover of its year, which closes its space after archiving and deleting.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void workGroup(WorkGroupChanged group) {
        UUID id = sql.one("INSERT INTO space (id, kind, uai, school_year, ref, name) VALUES (?, 'WORK_GROUP', ?, ?, ?, ?) "
                + "ON CONFLICT (kind, uai, school_year, ref) DO UPDATE SET name = EXCLUDED.name RETURNING id",
                row -> row.getObject(1, UUID.class), UUID.randomUUID(), group.uai(), group.schoolYear(), group.groupId(),
                group.name()).orElseThrow();
        List<String> people = new ArrayList<>(group.pupils());
        List<String> roles = new ArrayList<>(java.util.Collections.nCopies(group.pupils().size(), Role.PUPIL.name()));
        people.addAll(group.teachers());
        roles.addAll(java.util.Collections.nCopies(group.teachers().size(), Role.TEACHER.name()));
        sql.update("DELETE FROM space_member WHERE space_id = ?", id);
        sql.update("INSERT INTO space_member (space_id, person_id, role) SELECT ?, * FROM unnest(?::text[], ?::text[]) "
                + "ON CONFLICT DO NOTHING", id, Sql.texts(people), Sql.texts(roles));
    }

    /**
     * A partnership as class-service published it: its space (kind CLASS_PARTNERSHIP, flagged departmental for an
     * école départementale's, which the switchover keeps) upserted under its owner school and year, its member
     * classes linked from now on. An ended partnership keeps its last classes, whose teachers its archives are for.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void partnership(PartnershipChanged partnership) {
        UUID id = sql.one("INSERT INTO space (id, kind, uai, school_year, ref, name, departmental) VALUES (?, "
                + "'CLASS_PARTNERSHIP', ?, ?, ?, ?, ?) ON CONFLICT (kind, uai, school_year, ref) DO UPDATE SET "
                + "name = EXCLUDED.name, departmental = EXCLUDED.departmental RETURNING id",
                row -> row.getObject(1, UUID.class), UUID.randomUUID(), partnership.ownerUai(),
                partnership.ownerSchoolYear(), partnership.partnershipId(), partnership.name(),
                partnership.departmental()).orElseThrow();
        List<UUID> classes = new ArrayList<>();
        for (PartnershipChanged.MemberClass member : partnership.classes()) {
            classes.add(classSpace(member.uai(), member.schoolYear(), member.classId(), null));
        }
        sql.update("DELETE FROM space_link WHERE space_id = ? AND NOT (class_space_id = ANY (?::uuid[]))", id,
                Sql.array("uuid", classes.toArray()));
        sql.update("INSERT INTO space_link (space_id, class_space_id) SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING",
                id, Sql.array("uuid", classes.toArray()));
    }

    /** A school ONDE describes has its school space (kept by every switchover), named after it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void school(String uai, String name) {
        writes.add("INSERT INTO space (id, kind, uai, school_year, ref, name) VALUES (?, 'SCHOOL', ?, NULL, ?, ?) "
                + "ON CONFLICT (uai) WHERE kind = 'SCHOOL' DO UPDATE SET name = COALESCE(EXCLUDED.name, space.name)",
                UUID.randomUUID(), uai, uai, name);
    }

    /** The school's space, if ONDE described the school. */
    public Optional<Space> schoolSpace(String uai) {
        return sql.one("SELECT " + COLUMNS + " FROM space s WHERE s.kind = 'SCHOOL' AND s.uai = ?", Spaces::row, uai);
    }

    /** A commune's space (its INSEE code); empty when it exists already. */
    public Optional<Space> newTown(String code, String name) {
        return sql.one("INSERT INTO space (id, kind, uai, school_year, ref, name) VALUES (?, 'TOWN', NULL, NULL, ?, ?) "
                + "ON CONFLICT (ref) WHERE kind = 'TOWN' DO NOTHING RETURNING id, kind, uai, school_year, ref, name, "
                + "departmental, closed_at, pupil_posting", Spaces::row, UUID.randomUUID(), code, name);
    }

    /** The communes' spaces, by name. */
    public List<Space> towns() {
        return sql.list("SELECT " + COLUMNS + " FROM space s WHERE s.kind = 'TOWN' ORDER BY s.name, s.ref LIMIT 1000",
                Spaces::row);
    }

    /** The school spaces of these schools. */
    public List<Space> schoolSpaces(java.util.Collection<String> uais) {
        return sql.list("SELECT " + COLUMNS + " FROM space s WHERE s.kind = 'SCHOOL' AND s.uai = ANY (?::text[]) "
                + "ORDER BY s.uai", Spaces::row, Sql.texts(uais));
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

    /** The caller's roles in the space (none: not a member), their own or through a member class. */
    public Set<Role> roles(UUID spaceId, String personId) {
        Set<Role> roles = new LinkedHashSet<>();
        // Through a member class: an open one while the partnership is open; once the partnership is closed, the
        // classes it had (so that its former members are told it was closed, like those of a class).
        sql.list("SELECT role FROM space_member WHERE space_id = ? AND person_id = ? UNION SELECT m.role "
                + "FROM space_link l JOIN space p ON p.id = l.space_id JOIN space c ON c.id = l.class_space_id "
                + "AND (c.closed_at IS NULL OR p.closed_at IS NOT NULL) JOIN space_member m ON m.space_id = c.id "
                + "WHERE l.space_id = ? AND m.person_id = ?", row -> row.getString(1),
                spaceId, personId, spaceId, personId).forEach(role -> roles.add(Role.valueOf(role)));
        return roles;
    }

    /** The people of the space in that role (its own members, by person id). */
    public List<String> members(UUID spaceId, Role role) {
        return sql.list("SELECT DISTINCT person_id FROM space_member WHERE space_id = ? AND role = ? ORDER BY 1",
                row -> row.getString(1), spaceId, role.name());
    }

    /** A space and the caller's roles in it. */
    public record Membership(Space space, Set<Role> roles) {
    }

    /** The open spaces the person belongs to, with their roles. */
    public List<Membership> ofPerson(String personId) {
        List<Membership> memberships = new ArrayList<>();
        sql.list("SELECT " + COLUMNS + ", array_agg(DISTINCT m.role) FROM space s JOIN (SELECT space_id, role "
                + "FROM space_member WHERE person_id = ? UNION SELECT l.space_id, m.role FROM space_member m JOIN space c "
                + "ON c.id = m.space_id AND c.closed_at IS NULL JOIN space_link l ON l.class_space_id = c.id "
                + "WHERE m.person_id = ?) m ON m.space_id = s.id WHERE s.closed_at IS NULL GROUP BY s.id "
                + "ORDER BY s.school_year DESC NULLS LAST, s.kind, s.uai, s.ref", row -> {
                    Set<Role> roles = new LinkedHashSet<>();
                    Sql.texts(row, "array_agg").forEach(r -> roles.add(Role.valueOf(r)));
                    return new Membership(row(row), roles);
                }, personId, personId).forEach(memberships::add);
        return memberships;
    }

    /** The open spaces of a school year in every school of an académie. */
    public List<Space> openOfAcademyYear(String academyCode, String schoolYear) {
        return sql.list("SELECT " + COLUMNS + " FROM space s JOIN content_school c ON c.uai = s.uai "
                + "WHERE c.academy_code = ? AND s.school_year = ? AND s.closed_at IS NULL", Spaces::row, academyCode,
                schoolYear);
    }

    /** The school's open spaces of a school year (the switchover closes them). */
    public List<Space> openOfYear(String uai, String schoolYear) {
        return sql.list("SELECT " + COLUMNS + " FROM space s WHERE s.uai = ? AND s.school_year = ? "
                + "AND s.closed_at IS NULL ORDER BY s.ref", Spaces::row, uai, schoolYear);
    }

    /** The applications in which the space's pupils may post from now on. */
    public void pupilPosting(UUID id, java.util.Collection<String> applications) {
        sql.update("UPDATE space SET pupil_posting = ?::text[] WHERE id = ?", Sql.texts(applications), id);
    }

    /**
     * Which of these people share an open space with the person (a class, group or partnership, a partnership through
     * its classes): those they may write to.
     */
    public Set<String> reachableFrom(String personId, java.util.Collection<String> people) {
        return new LinkedHashSet<>(sql.list("WITH mine AS (SELECT s.id FROM space s JOIN space_member m ON m.space_id = s.id "
                + "WHERE m.person_id = ? AND s.closed_at IS NULL AND s.kind <> 'PERSONAL' UNION SELECT l.space_id "
                + "FROM space_member m JOIN space c ON c.id = m.space_id AND c.closed_at IS NULL JOIN space_link l "
                + "ON l.class_space_id = c.id WHERE m.person_id = ?), shared AS (SELECT id FROM mine UNION SELECT "
                + "l.class_space_id FROM space_link l JOIN space c ON c.id = l.class_space_id AND c.closed_at IS NULL "
                + "WHERE l.space_id IN (SELECT id FROM mine)) SELECT DISTINCT m.person_id FROM space_member m "
                + "WHERE m.person_id = ANY (?::text[]) AND m.space_id IN (SELECT id FROM shared)", row -> row.getString(1),
                personId, personId, Sql.texts(people)));
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
                closed == null ? null : closed.toInstant(), Sql.texts(row, "pupil_posting"));
    }
}
