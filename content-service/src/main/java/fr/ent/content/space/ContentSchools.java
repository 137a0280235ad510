package fr.ent.content.space;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The owner of table {@code content_school}: each school's académie, so that a switchover finds its schools. Written
 * among the pending writes of the ONDE consumer's transaction, in order with the rosters.
 */
@ApplicationScoped
public class ContentSchools {

    private final Sql sql;
    private final fr.ent.support.jdbc.PendingWrites writes;

    public ContentSchools(Sql sql, fr.ent.support.jdbc.PendingWrites writes) {
        this.sql = sql;
        this.writes = writes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(String uai, String academyCode) {
        writes.add("INSERT INTO content_school (uai, academy_code) VALUES (?, ?) ON CONFLICT (uai) DO UPDATE SET "
                + "academy_code = EXCLUDED.academy_code", uai, academyCode);
    }

    public java.util.Optional<String> academyOf(String uai) {
        return sql.one("SELECT academy_code FROM content_school WHERE uai = ?", row -> row.getString(1), uai);
    }

    /** The académie's schools, by UAI (a school ONDE removed keeps its spaces: the switchover still closes them). */
    public List<String> ofAcademy(String academyCode) {
        return sql.list("SELECT uai FROM content_school WHERE academy_code = ? ORDER BY uai", row -> row.getString(1),
                academyCode);
    }
}
