package fr.ent.rollover.school;

import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The owner of table {@code rollover_school}: the schools of each académie as ONDE states them, so that a switchover
 * knows which schools it waits for.
 */
@ApplicationScoped
public class Schools {

    private final Sql sql;

    public Schools(Sql sql) {
        this.sql = sql;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(SchoolUpserted school) {
        sql.update("INSERT INTO rollover_school (uai, academy_code, name, removed) VALUES (?, ?, ?, FALSE) "
                + "ON CONFLICT (uai) DO UPDATE SET academy_code = EXCLUDED.academy_code, name = EXCLUDED.name, "
                + "removed = FALSE", school.uai(), school.academyCode(), school.name());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void removed(String uai) {
        sql.update("UPDATE rollover_school SET removed = TRUE WHERE uai = ?", uai);
    }

    /** The académie's schools that ONDE has not removed, by UAI. */
    public List<String> ofAcademy(String academyCode) {
        return sql.list("SELECT uai FROM rollover_school WHERE academy_code = ? AND NOT removed ORDER BY uai",
                row -> row.getString(1), academyCode);
    }
}
