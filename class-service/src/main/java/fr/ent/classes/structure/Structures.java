package fr.ent.classes.structure;

import fr.ent.support.jdbc.PendingWrites;
import fr.ent.support.jdbc.Sql;
import java.util.ArrayList;
import java.util.List;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.contracts.onde.OndeStaff;
import fr.ent.contracts.onde.SchoolRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * ONDE's classes with their rosters (pupils and responsables) and staff applied to class-service's structures, inside the consumer's
 * transaction, as pending writes: in the order of the events, consecutive ones of a kind in one JDBC batch, all
 * sent before the transaction commits. Every change is an upsert or a removal keyed by natural ids, so applying one twice is harmless
 * (the inbox skips redeliveries anyway).
 */
@ApplicationScoped
public class Structures {

    private final PendingWrites writes;

    public Structures(PendingWrites writes) {
        this.writes = writes;
    }

    /**
     * A class with its roster, in one statement (the same for every class, so that a run of classes goes to the
     * database in one batch): the class upserted (and no longer removed), its pupils upserted into it, links the pupils
     * no longer have deleted and their links upserted — sets of rows that never overlap. A row that would not change
     * is not written again: a delta's roster usually differs from the one before by a pupil or two, and the others'
     * rows keep their version (no new tuple, no WAL). Who the responsables are came before, in their own events
     * ({@link #responsablesUpserted}). A pupil who is no longer in the roster is in another class's (moved) or has
     * left ({@code pupil.left}): nothing here touches them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void classUpserted(OndeClass c) {
        List<String> linkPupils = new ArrayList<>();
        List<OndePupil.Link> links = new ArrayList<>();
        for (OndePupil pupil : c.pupils()) {
            for (OndePupil.Link link : pupil.responsables()) {
                linkPupils.add(pupil.pupilId());
                links.add(link);
            }
        }
        List<String> pupilIds = c.pupils().stream().map(OndePupil::pupilId).toList();
        List<String> linkResponsables = links.stream().map(OndePupil.Link::responsableId).toList();
        writes.add(ROSTER, c.uai(), c.schoolYear(), c.classId(), c.name(), Sql.texts(c.levels()),
                c.uai(), c.schoolYear(), c.classId(), Sql.texts(pupilIds),
                Sql.texts(c.pupils().stream().map(OndePupil::firstName).toList()),
                Sql.texts(c.pupils().stream().map(OndePupil::lastName).toList()),
                Sql.texts(c.pupils().stream().map(OndePupil::level).toList()),
                c.uai(), Sql.texts(pupilIds), Sql.texts(linkPupils), Sql.texts(linkResponsables),
                c.uai(), Sql.texts(linkPupils), Sql.texts(linkResponsables),
                Sql.texts(links.stream().map(OndePupil.Link::relationCode).toList()),
                Sql.array("bool", links.stream().map(OndePupil.Link::parentalAuthority).toArray()));
    }

    private static final String ROSTER = "WITH class_row AS (INSERT INTO school_class (uai, school_year, class_id, "
            + "onde_name, onde_levels) VALUES (?, ?, ?, ?, ?) ON CONFLICT (uai, school_year, class_id) DO UPDATE SET "
            + "onde_name = EXCLUDED.onde_name, onde_levels = EXCLUDED.onde_levels, removed = FALSE WHERE (school_class.onde_name, "
            + "school_class.onde_levels, school_class.removed) IS DISTINCT FROM (EXCLUDED.onde_name, EXCLUDED.onde_levels, "
            + "FALSE) RETURNING 1), "
            + "pupil_rows AS (INSERT INTO pupil (uai, school_year, class_id, pupil_id, first_name, last_name, level) "
            + "SELECT ?, ?, ?, p.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS p(pupil_id, first_name, "
            + "last_name, level) ON CONFLICT (uai, school_year, pupil_id) DO UPDATE SET first_name = EXCLUDED.first_name, "
            + "last_name = EXCLUDED.last_name, class_id = EXCLUDED.class_id, level = EXCLUDED.level, left_at = NULL "
            + "WHERE (pupil.first_name, pupil.last_name, pupil.class_id, pupil.level, pupil.left_at) IS DISTINCT FROM "
            + "(EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.class_id, EXCLUDED.level, NULL) RETURNING 1), "
            + "old_links AS (DELETE FROM pupil_responsable pr WHERE pr.uai = ? AND pr.pupil_id = ANY (?::text[]) "
            + "AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS l(pupil_id, responsable_id) "
            + "WHERE l.pupil_id = pr.pupil_id AND l.responsable_id = pr.responsable_id) RETURNING 1) "
            + "INSERT INTO pupil_responsable (uai, pupil_id, responsable_id, relation_code, parental_authority) "
            + "SELECT ?, l.* FROM unnest(?::text[], ?::text[], ?::text[], ?::bool[]) AS l(pupil_id, responsable_id, "
            + "relation_code, parental_authority) ON CONFLICT (uai, pupil_id, responsable_id) DO UPDATE SET "
            + "relation_code = EXCLUDED.relation_code, parental_authority = EXCLUDED.parental_authority "
            + "WHERE (pupil_responsable.relation_code, pupil_responsable.parental_authority) IS DISTINCT FROM "
            + "(EXCLUDED.relation_code, EXCLUDED.parental_authority)";

    /** Responsables of pupils of the school who appear or changed, as they are now, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void responsablesUpserted(OndeResponsable.Upserted event) {
        List<OndeResponsable> people = event.responsables();
        writes.add("INSERT INTO responsable (uai, responsable_id, kind, civility, last_name, first_name, email) "
                + "SELECT ?, r.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                + "AS r(responsable_id, kind, civility, last_name, first_name, email) ON CONFLICT (uai, responsable_id) "
                + "DO UPDATE SET kind = EXCLUDED.kind, civility = EXCLUDED.civility, last_name = EXCLUDED.last_name, "
                + "first_name = EXCLUDED.first_name, email = EXCLUDED.email WHERE (responsable.kind, responsable.civility, "
                + "responsable.last_name, responsable.first_name, responsable.email) IS DISTINCT FROM (EXCLUDED.kind, "
                + "EXCLUDED.civility, EXCLUDED.last_name, EXCLUDED.first_name, EXCLUDED.email)", event.uai(),
                Sql.texts(people.stream().map(OndeResponsable::responsableId).toList()),
                Sql.texts(people.stream().map(OndeResponsable::kind).toList()),
                Sql.texts(people.stream().map(OndeResponsable::civility).toList()),
                Sql.texts(people.stream().map(OndeResponsable::lastName).toList()),
                Sql.texts(people.stream().map(OndeResponsable::firstName).toList()),
                Sql.texts(people.stream().map(OndeResponsable::email).toList()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void classRemoved(OndeClass.Removed c) {
        writes.add("UPDATE school_class SET removed = TRUE WHERE uai = ? AND school_year = ? AND class_id = ?",
                c.uai(), c.schoolYear(), c.classId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pupilLeft(OndePupil.Left left) {
        writes.add("UPDATE pupil SET left_at = now() WHERE uai = ? AND school_year = ? AND pupil_id = ? AND left_at IS NULL",
                left.uai(), left.schoolYear(), left.pupilId());
        writes.add("DELETE FROM pupil_responsable WHERE uai = ? AND pupil_id = ?", left.uai(), left.pupilId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void responsableRemoved(OndeResponsable.Removed r) {
        writes.add("DELETE FROM pupil_responsable WHERE uai = ? AND responsable_id = ?", r.uai(), r.responsableId());
        writes.add("DELETE FROM responsable WHERE uai = ? AND responsable_id = ?", r.uai(), r.responsableId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void staffUpserted(OndeStaff s) {
        writes.add("INSERT INTO staff (uai, staff_id, civility, last_name, first_name, email, teacher, director) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uai, staff_id) DO UPDATE SET civility = EXCLUDED.civility, "
                + "last_name = EXCLUDED.last_name, first_name = EXCLUDED.first_name, email = EXCLUDED.email, "
                + "teacher = EXCLUDED.teacher, director = EXCLUDED.director", s.uai(), s.staffId(), s.civility(),
                s.lastName(), s.firstName(), s.email(), s.teacher(), s.director());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void staffRemoved(OndeStaff.Removed s) {
        writes.add("DELETE FROM staff WHERE uai = ? AND staff_id = ?", s.uai(), s.staffId());
    }

    /** The school left ONDE: the events before this one removed its people; the school row goes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schoolRemoved(SchoolRemoved s) {
        writes.add("UPDATE school_class SET removed = TRUE WHERE uai = ?", s.uai());
    }
}
