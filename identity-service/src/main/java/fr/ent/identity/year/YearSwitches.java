package fr.ent.identity.year;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** The switchovers identity-service took each school through, once each (owner of {@code year_switch}). */
@ApplicationScoped
public class YearSwitches {

    private final Sql sql;

    public YearSwitches(Sql sql) {
        this.sql = sql;
    }

    /** True the first time; false when the school was already taken through this switchover. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID switchoverId, String uai) {
        return sql.update("INSERT INTO year_switch (switchover_id, uai, applied_at) VALUES (?, ?, now()) "
                + "ON CONFLICT DO NOTHING", switchoverId, uai) == 1;
    }
}
