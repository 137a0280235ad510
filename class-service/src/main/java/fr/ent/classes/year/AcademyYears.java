package fr.ent.classes.year;

import fr.ent.classes.config.ClassesConfig;
import fr.ent.support.jdbc.Sql;
import fr.ent.contracts.SchoolYear;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Each académie's current school year as class-service knows it: configured until the first switchover, then
 * advanced by each {@code year-switched} event. Everyone sees the classes of this year (SEQ-2, SEQ-5).
 */
@ApplicationScoped
public class AcademyYears {

    private final Sql sql;
    private final SchoolYear initial;

    public AcademyYears(Sql sql, ClassesConfig config) {
        this.sql = sql;
        this.initial = SchoolYear.parse(config.currentSchoolYear());
    }

    /** The year of an académie no switchover reached yet. */
    public SchoolYear initial() {
        return initial;
    }

    public SchoolYear current(String academyCode) {
        return sql.one("SELECT current_year FROM academy_year WHERE academy_code = ?",
                row -> SchoolYear.parse(row.getString(1)), academyCode).orElse(initial);
    }

    /** The current school year of the académie a school belongs to. */
    public SchoolYear currentOfSchool(String uai) {
        return sql.one("SELECT a.current_year FROM school s JOIN academy_year a ON a.academy_code = s.academy_code "
                + "WHERE s.uai = ?", row -> SchoolYear.parse(row.getString(1)), uai).orElse(initial);
    }

    void advance(String academyCode, SchoolYear to, UUID switchoverId) {
        sql.update("INSERT INTO academy_year (academy_code, current_year, switchover_id, updated_at) VALUES (?, ?, ?, now()) "
                + "ON CONFLICT (academy_code) DO UPDATE SET current_year = EXCLUDED.current_year, "
                + "switchover_id = EXCLUDED.switchover_id, updated_at = now()", academyCode, to.toString(), switchoverId);
    }
}
