package fr.ent.classes.groups;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.WorkGroupChanged;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.messaging.Outbox;
import fr.ent.support.rest.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * CLS-4: the work groups of a school and their members; owns {@code work_group} and {@code work_group_member}. Every
 * change of a group is published as the group's state ({@code fr.ent.class.work-group.v1}) in the same transaction.
 */
@ApplicationScoped
public class WorkGroups {

    public record Group(UUID id, String uai, String schoolYear, String name, List<String> pupils, List<String> teachers) {
    }

    private final Sql sql;
    private final Outbox outbox;

    public WorkGroups(Sql sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    /** A group of pupils and teachers of the school's year, its creator among them; 400 for anyone else. */
    @Transactional
    public Group create(String uai, String schoolYear, String name, List<String> members, String createdBy) {
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO work_group (id, uai, school_year, name, created_by, created_at) VALUES (?, ?, ?, ?, ?, now())",
                id, uai, schoolYear, name.strip(), createdBy);
        writeMembers(id, uai, schoolYear, members, createdBy);
        return published(id, false);
    }

    /**
     * The group's members from now on (those left out leave it); the one who changes them stays in it. 404 for a
     * group that is not of this school's year or has ended; 400 for anyone who is not a pupil or teacher of it.
     */
    @Transactional
    public Group changeMembers(UUID id, String uai, String schoolYear, List<String> members, String changedBy) {
        boolean open = sql.one("SELECT 1 FROM work_group WHERE id = ? AND uai = ? AND school_year = ? AND ended_at IS NULL "
                + "FOR UPDATE", row -> 1, id, uai, schoolYear).isPresent();
        if (!open) {
            throw new jakarta.ws.rs.NotFoundException("no open work group " + id + " at " + uai + " this year");
        }
        sql.update("DELETE FROM work_group_member WHERE group_id = ?", id);
        writeMembers(id, uai, schoolYear, members, changedBy);
        return published(id, false);
    }

    /** Whether the person is a teacher of the group. */
    public boolean teaches(UUID id, String personId) {
        return sql.one("SELECT 1 FROM work_group_member WHERE group_id = ? AND person_id = ? AND role = 'TEACHER'",
                row -> 1, id, personId).isPresent();
    }

    /** At the switchover of the school's year: its groups end, each published as ended; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endAll(String uai, String schoolYear) {
        List<UUID> ended = sql.list("UPDATE work_group SET ended_at = now() WHERE uai = ? AND school_year = ? "
                + "AND ended_at IS NULL RETURNING id", row -> row.getObject(1, UUID.class), uai, schoolYear);
        ended.forEach(id -> published(id, true));
        return ended.size();
    }

    private void writeMembers(UUID id, String uai, String schoolYear, List<String> members, String author) {
        Set<String> all = new LinkedHashSet<>(members == null ? List.of() : members);
        all.add(author);
        List<String> pupils = sql.list("SELECT pupil_id FROM pupil WHERE uai = ? AND school_year = ? AND left_at IS NULL "
                + "AND pupil_id = ANY(?)", row -> row.getString(1), uai, schoolYear, Sql.texts(all));
        List<String> teachers = sql.list("SELECT staff_id FROM staff WHERE uai = ? AND staff_id = ANY(?)",
                row -> row.getString(1), uai, Sql.texts(all));
        List<String> unknown = all.stream().filter(m -> !pupils.contains(m) && !teachers.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("members", "not pupils or teachers of " + uai + " this year: " + unknown);
        }
        sql.update("INSERT INTO work_group_member (group_id, person_id, role) SELECT ?, unnest(?::text[]), 'PUPIL'", id,
                Sql.texts(pupils));
        sql.update("INSERT INTO work_group_member (group_id, person_id, role) SELECT ?, unnest(?::text[]), 'TEACHER'", id,
                Sql.texts(teachers));
    }

    private Group published(UUID id, boolean ended) {
        Group group = group(id);
        outbox.publish(Topics.CLASS_EVENTS, group.uai(), EventTypes.CLASS_WORK_GROUP, id.toString(),
                new WorkGroupChanged(id.toString(), group.uai(), group.schoolYear(), group.name(), group.pupils(),
                        group.teachers(), ended));
        return group;
    }

    /** The groups of a school's year that have not ended, by name. */
    public List<Group> ofSchool(String uai, String schoolYear) {
        return sql.list("SELECT id FROM work_group WHERE uai = ? AND school_year = ? AND ended_at IS NULL ORDER BY name",
                row -> row.getObject(1, UUID.class), uai, schoolYear).stream().map(this::group).toList();
    }

    private Group group(UUID id) {
        List<String> pupils = new ArrayList<>();
        List<String> teachers = new ArrayList<>();
        sql.list("SELECT person_id, role FROM work_group_member WHERE group_id = ? ORDER BY person_id", row -> {
            (row.getString(2).equals("PUPIL") ? pupils : teachers).add(row.getString(1));
            return null;
        }, id);
        return sql.one("SELECT uai, school_year, name FROM work_group WHERE id = ?", row -> new Group(id, row.getString(1),
                row.getString(2), row.getString(3), pupils, teachers), id).orElseThrow();
    }
}
