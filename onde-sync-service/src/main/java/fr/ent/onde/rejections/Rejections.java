package fr.ent.onde.rejections;

import fr.ent.onde.rejections.RejectionResource.RejectedPupil;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads {@code onde_rejection}: the pupils the eligibility rules refused, per school and import (ONDE-3). */
@ApplicationScoped
public class Rejections {

    private static final String LATEST = "SELECT import_id, pupil_id, last_name, first_name, class_name, reasons "
            + "FROM onde_rejection WHERE uai = ? AND import_id = (SELECT s.import_id FROM onde_import_school s "
            + "JOIN onde_import i ON i.id = s.import_id WHERE s.uai = ? AND i.status = 'COMPLETED' "
            + "ORDER BY i.received_at DESC LIMIT 1) ORDER BY last_name, first_name, pupil_id";

    private final Sql sql;

    public Rejections(Sql sql) {
        this.sql = sql;
    }

    /** The school's rejected pupils as its last completed import left them. */
    public List<RejectedPupil> latest(String uai) {
        return sql.list(LATEST, row -> new RejectedPupil(row.getObject(1, UUID.class), row.getString(2),
                row.getString(3), row.getString(4), row.getString(5), Arrays.asList(row.getString(6).split(","))),
                uai, uai);
    }
}
