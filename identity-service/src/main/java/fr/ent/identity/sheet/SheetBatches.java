package fr.ent.identity.sheet;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who made which connection sheets for whom, and when (owner of {@code sheet_batch}); never a password. */
@ApplicationScoped
public class SheetBatches {

    /** One making of sheets: by whom, when, for which class and audience, and for whom. */
    public record Batch(UUID id, String madeBy, Instant madeAt, String uai, String schoolYear, String classId,
            Audience audience, List<String> persons, int created, int renewed) {
    }

    private final Sql sql;

    public SheetBatches(Sql sql) {
        this.sql = sql;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Batch batch) {
        sql.update("INSERT INTO sheet_batch (id, made_by, made_at, uai, school_year, class_id, audience, persons, created, "
                + "renewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.id(), batch.madeBy(), batch.madeAt(),
                batch.uai(), batch.schoolYear(), batch.classId(), batch.audience().name(), Sql.texts(batch.persons()),
                batch.created(), batch.renewed());
    }

    /** The class's sheets, latest first. */
    public List<Batch> ofClass(String uai, String schoolYear, String classId) {
        return sql.list("SELECT * FROM sheet_batch WHERE uai = ? AND school_year = ? AND class_id = ? "
                + "ORDER BY made_at DESC LIMIT 200", row -> new Batch(row.getObject("id", UUID.class),
                        row.getString("made_by"), row.getTimestamp("made_at").toInstant(), row.getString("uai"),
                        row.getString("school_year"), row.getString("class_id"),
                        Audience.valueOf(row.getString("audience")), Sql.texts(row, "persons"), row.getInt("created"),
                        row.getInt("renewed")), uai, schoolYear, classId);
    }
}
