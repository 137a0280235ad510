package fr.ent.classes.groups;

import fr.ent.support.jdbc.Sql;
import fr.ent.support.rest.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** CLS-4: the work groups of a school and their members; owns {@code work_group} and {@code work_group_member}. */
@ApplicationScoped
public class WorkGroups {

    public record Group(UUID id, String uai, String schoolYear, String name, List<String> pupils, List<String> teachers) {
    }

    private final Sql sql;

    public WorkGroups(Sql sql) {
        this.sql = sql;
    }

    /** A group of pupils and teachers of the school's year, its creator among them; 400 for anyone else. */
    @Transactional
    public Group create(String uai, String schoolYear, String name, List<String> members, String createdBy) {
        Set<String> all = new LinkedHashSet<>(members == null ? List.of() : members);
        all.add(createdBy);
        List<String> pupils = sql.list("SELECT pupil_id FROM pupil WHERE uai = ? AND school_year = ? AND left_at IS NULL "
                + "AND pupil_id = ANY(?)", row -> row.getString(1), uai, schoolYear, Sql.texts(all));
        List<String> teachers = sql.list("SELECT staff_id FROM staff WHERE uai = ? AND staff_id = ANY(?)",
                row -> row.getString(1), uai, Sql.texts(all));
        List<String> unknown = all.stream().filter(m -> !pupils.contains(m) && !teachers.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("members", "not pupils or teachers of " + uai + " this year: " + unknown);
        }
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO work_group (id, uai, school_year, name, created_by, created_at) VALUES (?, ?, ?, ?, ?, now())",
                id, uai, schoolYear, name.strip(), createdBy);
        sql.update("INSERT INTO work_group_member (group_id, person_id, role) SELECT ?, unnest(?::text[]), 'PUPIL'", id,
                Sql.texts(pupils));
        sql.update("INSERT INTO work_group_member (group_id, person_id, role) SELECT ?, unnest(?::text[]), 'TEACHER'", id,
                Sql.texts(teachers));
        return group(id);
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
