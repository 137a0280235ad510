package fr.ent.identity.onde;

import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.contracts.onde.OndeStaff;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Who belongs where as ONDE says (owner of {@code class_pupil}, {@code pupil_responsable}, {@code responsable_school},
 * {@code staff_school}): what an account's state follows, and whose sheets a class's sheets are. Each change returns
 * the people it touched, whose accounts are then refreshed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Memberships {

    private final Sql sql;

    public Memberships(Sql sql) {
        this.sql = sql;
    }

    /** The roster is the class's pupils now; each pupil's responsables are those the roster links them to. */
    public List<String> roster(OndeClass roster) {
        List<String> pupils = roster.pupils().stream().map(OndePupil::pupilId).distinct().toList();
        sql.update("INSERT INTO identity_class (uai, school_year, class_id, name) VALUES (?, ?, ?, ?) ON CONFLICT "
                + "(uai, school_year, class_id) DO UPDATE SET name = EXCLUDED.name", roster.uai(), roster.schoolYear(),
                roster.classId(), roster.name());
        List<String> touched = new ArrayList<>(pupils);
        touched.addAll(sql.list("WITH gone AS (DELETE FROM class_pupil WHERE uai = ? AND school_year = ? "
                + "AND class_id = ? AND NOT (pupil_id = ANY(?)) RETURNING pupil_id), "
                + "ins AS (INSERT INTO class_pupil (uai, school_year, class_id, pupil_id) SELECT ?, ?, ?, unnest(?::text[]) "
                + "ON CONFLICT DO NOTHING) SELECT pupil_id FROM gone", row -> row.getString(1), roster.uai(),
                roster.schoolYear(), roster.classId(), Sql.texts(pupils), roster.uai(), roster.schoolYear(),
                roster.classId(), Sql.texts(pupils)));
        List<String> linkPupils = new ArrayList<>();
        List<String> linkResponsables = new ArrayList<>();
        for (OndePupil pupil : roster.pupils()) {
            for (OndePupil.Link link : pupil.responsables()) {
                linkPupils.add(pupil.pupilId());
                linkResponsables.add(link.responsableId());
            }
        }
        sql.update("WITH n AS (SELECT * FROM unnest(?::text[], ?::text[]) AS n(pupil_id, responsable_id)), "
                + "gone AS (DELETE FROM pupil_responsable p WHERE p.pupil_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM n "
                + "WHERE n.pupil_id = p.pupil_id AND n.responsable_id = p.responsable_id)) "
                + "INSERT INTO pupil_responsable (pupil_id, responsable_id) SELECT DISTINCT * FROM n ON CONFLICT DO NOTHING",
                Sql.texts(linkPupils), Sql.texts(linkResponsables), Sql.texts(pupils));
        return touched;
    }

    public List<String> classRemoved(OndeClass.Removed removed) {
        return sql.list("DELETE FROM class_pupil WHERE uai = ? AND school_year = ? AND class_id = ? RETURNING pupil_id",
                row -> row.getString(1), removed.uai(), removed.schoolYear(), removed.classId());
    }

    public List<String> pupilLeft(OndePupil.Left left) {
        sql.update("DELETE FROM class_pupil WHERE uai = ? AND school_year = ? AND pupil_id = ?", left.uai(),
                left.schoolYear(), left.pupilId());
        return List.of(left.pupilId());
    }

    /**
     * A complete export of a school year is the school's pupils: rosters of earlier years no longer make anybody
     * belong to the school (a pupil who left at the end of the year is disabled once the new year's export is in).
     */
    public List<String> completeExportOf(String uai, String schoolYear) {
        return sql.list("DELETE FROM class_pupil WHERE uai = ? AND school_year < ? RETURNING pupil_id",
                row -> row.getString(1), uai, schoolYear);
    }

    public List<String> responsables(OndeResponsable.Upserted upserted) {
        List<String> ids = upserted.responsables().stream().map(OndeResponsable::responsableId).distinct().toList();
        sql.update("INSERT INTO responsable_school (responsable_id, uai) SELECT unnest(?::text[]), ? ON CONFLICT DO NOTHING",
                Sql.texts(ids), upserted.uai());
        return ids;
    }

    public List<String> responsableRemoved(OndeResponsable.Removed removed) {
        sql.update("DELETE FROM responsable_school WHERE responsable_id = ? AND uai = ?", removed.responsableId(),
                removed.uai());
        return List.of(removed.responsableId());
    }

    public List<String> staff(OndeStaff staff) {
        sql.update("INSERT INTO staff_school (staff_id, uai, teacher, director) VALUES (?, ?, ?, ?) ON CONFLICT "
                + "(staff_id, uai) DO UPDATE SET teacher = EXCLUDED.teacher, director = EXCLUDED.director",
                staff.staffId(), staff.uai(), staff.teacher(), staff.director());
        return List.of(staff.staffId());
    }

    public List<String> staffRemoved(OndeStaff.Removed removed) {
        sql.update("DELETE FROM staff_school WHERE staff_id = ? AND uai = ?", removed.staffId(), removed.uai());
        return List.of(removed.staffId());
    }

    /** The school left ONDE: nobody belongs to it any more. */
    public List<String> schoolRemoved(String uai) {
        return sql.list("WITH p AS (DELETE FROM class_pupil WHERE uai = ? RETURNING pupil_id AS id), "
                + "r AS (DELETE FROM responsable_school WHERE uai = ? RETURNING responsable_id AS id), "
                + "s AS (DELETE FROM staff_school WHERE uai = ? RETURNING staff_id AS id) "
                + "SELECT id FROM p UNION SELECT id FROM r UNION SELECT id FROM s", row -> row.getString(1), uai, uai, uai);
    }

    // --- reads for the connection sheets ---

    /** A person on a sheet, with the class's pupils they are the responsable of (for a parent's sheet). */
    public record SheetPerson(String personId, List<String> children) {
    }

    /** The class's name, if ONDE ever had the class. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<String> className(String uai, String schoolYear, String classId) {
        return sql.one("SELECT COALESCE(name, class_id) FROM identity_class WHERE uai = ? AND school_year = ? "
                + "AND class_id = ?", row -> row.getString(1), uai, schoolYear, classId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> pupilsOf(String uai, String schoolYear, String classId) {
        return sql.list("SELECT pupil_id FROM class_pupil WHERE uai = ? AND school_year = ? AND class_id = ?",
                row -> row.getString(1), uai, schoolYear, classId);
    }

    /** The responsables of the class's pupils, each once (a parent of twins in the class gets one sheet). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SheetPerson> responsablesOf(String uai, String schoolYear, String classId) {
        return sql.list("SELECT r.responsable_id, array_agg(r.pupil_id ORDER BY r.pupil_id) AS children "
                + "FROM class_pupil c JOIN pupil_responsable r USING (pupil_id) WHERE c.uai = ? AND c.school_year = ? "
                + "AND c.class_id = ? GROUP BY r.responsable_id", row -> new SheetPerson(row.getString(1),
                        Sql.texts(row, "children")), uai, schoolYear, classId);
    }
}
