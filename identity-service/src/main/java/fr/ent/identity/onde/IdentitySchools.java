package fr.ent.identity.onde;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The schools of each académie, from {@code onde.changes} (owner of {@code identity_school}). */
@ApplicationScoped
public class IdentitySchools {

    private final Sql sql;

    public IdentitySchools(Sql sql) {
        this.sql = sql;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(String uai, String academyCode, String name) {
        sql.update("INSERT INTO identity_school (uai, academy_code, name) VALUES (?, ?, ?) ON CONFLICT (uai) DO UPDATE "
                + "SET academy_code = EXCLUDED.academy_code, name = EXCLUDED.name", uai, academyCode, name);
    }

    public java.util.Optional<String> name(String uai) {
        return sql.one("SELECT name FROM identity_school WHERE uai = ?", row -> row.getString(1), uai);
    }

    public List<String> ofAcademy(String academyCode) {
        return sql.list("SELECT uai FROM identity_school WHERE academy_code = ? ORDER BY uai", row -> row.getString(1),
                academyCode);
    }
}
