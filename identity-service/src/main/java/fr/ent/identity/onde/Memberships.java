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
import java.util.Map;

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

    /**
     * Rosters, each the class's pupils now, each pupil's responsables those the roster links them to — a run of
     * rosters in three statements, whatever its length (an import's rosters come one after another: one statement
     * each made identity-service the slowest consumer). A class named twice in the run is as its last roster says.
     *
     * @return the pupils whose membership changed, with their school: those who are new in their class, and those no
     *     longer in it. What an account's state follows is only membership (a link to a responsable is not), so a
     *     delta's roster that differs from the one before by a pupil touches that pupil, not the whole class.
     */
    public Map<String, String> rosters(List<OndeClass> run) {
        java.util.LinkedHashMap<String, OndeClass> classes = new java.util.LinkedHashMap<>();
        run.forEach(r -> classes.put(r.uai() + "/" + r.schoolYear() + "/" + r.classId(), r));
        Map<String, String> touched = new java.util.LinkedHashMap<>();
        Columns rosters = new Columns(4);
        Columns members = new Columns(4);
        Columns links = new Columns(2);
        java.util.Set<String> linked = new java.util.HashSet<>();
        for (OndeClass roster : classes.values()) {
            rosters.add(roster.uai(), roster.schoolYear(), roster.classId(), roster.name());
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (OndePupil pupil : roster.pupils()) {
                if (seen.add(pupil.pupilId())) {
                    members.add(roster.uai(), roster.schoolYear(), roster.classId(), pupil.pupilId());
                }
                for (OndePupil.Link link : pupil.responsables()) {
                    if (linked.add(pupil.pupilId() + "/" + link.responsableId())) {
                        links.add(pupil.pupilId(), link.responsableId());
                    }
                }
            }
        }
        sql.update("INSERT INTO identity_class (uai, school_year, class_id, name) SELECT * FROM unnest(?::text[], "
                + "?::text[], ?::text[], ?::text[]) ON CONFLICT (uai, school_year, class_id) DO UPDATE SET "
                + "name = EXCLUDED.name", rosters.arrays());
        sql.list("WITH r AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) AS r(uai, school_year, "
                + "class_id)), n AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS n(uai, "
                + "school_year, class_id, pupil_id)), gone AS (DELETE FROM class_pupil c USING r WHERE c.uai = r.uai "
                + "AND c.school_year = r.school_year AND c.class_id = r.class_id AND NOT EXISTS (SELECT 1 FROM n "
                + "WHERE n.uai = c.uai AND n.school_year = c.school_year AND n.class_id = c.class_id "
                + "AND n.pupil_id = c.pupil_id) RETURNING c.pupil_id, c.uai), ins AS (INSERT INTO class_pupil (uai, school_year, "
                + "class_id, pupil_id) SELECT * FROM n ON CONFLICT DO NOTHING RETURNING pupil_id, uai) "
                + "SELECT pupil_id, uai FROM ins UNION ALL SELECT pupil_id, uai FROM gone",
                row -> touched.putIfAbsent(row.getString(1), row.getString(2)), concat(rosters.arrays(3),
                        members.arrays()));
        sql.update("WITH p AS (SELECT DISTINCT unnest(?::text[]) AS pupil_id), n AS (SELECT * FROM unnest(?::text[], "
                + "?::text[]) AS n(pupil_id, responsable_id)), gone AS (DELETE FROM pupil_responsable x USING p "
                + "WHERE x.pupil_id = p.pupil_id AND NOT EXISTS (SELECT 1 FROM n WHERE n.pupil_id = x.pupil_id "
                + "AND n.responsable_id = x.responsable_id)) INSERT INTO pupil_responsable (pupil_id, responsable_id) "
                + "SELECT * FROM n ON CONFLICT DO NOTHING", concat(new Object[] {members.column(3)}, links.arrays()));
        return touched;
    }

    /** Staff of schools, a run in one statement; the same person and school twice: as the last event says. */
    public List<String> staff(List<OndeStaff> run) {
        java.util.LinkedHashMap<String, OndeStaff> last = new java.util.LinkedHashMap<>();
        run.forEach(s -> last.put(s.staffId() + "/" + s.uai(), s));
        List<OndeStaff> staff = new ArrayList<>(last.values());
        sql.update("INSERT INTO staff_school (staff_id, uai, teacher, director) SELECT * FROM unnest(?::text[], "
                + "?::text[], ?::bool[], ?::bool[]) ON CONFLICT (staff_id, uai) DO UPDATE SET teacher = EXCLUDED.teacher, "
                + "director = EXCLUDED.director", Sql.texts(staff.stream().map(OndeStaff::staffId).toList()),
                Sql.texts(staff.stream().map(OndeStaff::uai).toList()),
                Sql.array("bool", staff.stream().map(OndeStaff::teacher).toArray()),
                Sql.array("bool", staff.stream().map(OndeStaff::director).toArray()));
        return staff.stream().map(OndeStaff::staffId).distinct().toList();
    }

    /** Text columns of rows to send as arrays, one per column. */
    private static final class Columns {
        private final List<List<String>> columns = new ArrayList<>();

        Columns(int count) {
            for (int i = 0; i < count; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(String... values) {
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        Sql.TextArray column(int i) {
            return Sql.texts(columns.get(i));
        }

        Object[] arrays() {
            return arrays(columns.size());
        }

        Object[] arrays(int first) {
            Object[] arrays = new Object[first];
            for (int i = 0; i < first; i++) {
                arrays[i] = column(i);
            }
            return arrays;
        }
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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
