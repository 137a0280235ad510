package fr.ent.rollover.school;

import fr.ent.contracts.SchoolYear;
import fr.ent.rollover.config.RolloverConfig;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The owner of table {@code rollover_academy}: each académie's current school year, as rollover-service starts
 * switchovers; {@code ent.rollover.current-school-year} until an académie's first.
 */
@ApplicationScoped
public class AcademyYears {

    private final Sql sql;
    private final RolloverConfig config;

    public AcademyYears(Sql sql, RolloverConfig config) {
        this.sql = sql;
        this.config = config;
    }

    public SchoolYear current(String academyCode) {
        return SchoolYear.parse(sql.one("SELECT current_year FROM rollover_academy WHERE academy_code = ?",
                row -> row.getString(1), academyCode).orElse(config.currentSchoolYear()));
    }

    /** In the transaction that starts the switchover. */
    public void advance(String academyCode, SchoolYear to, UUID switchoverId, Instant at) {
        sql.update("INSERT INTO rollover_academy (academy_code, current_year, switchover_id, updated_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (academy_code) DO UPDATE SET current_year = EXCLUDED.current_year, "
                + "switchover_id = EXCLUDED.switchover_id, updated_at = EXCLUDED.updated_at", academyCode,
                to.toString(), switchoverId, at);
    }
}
