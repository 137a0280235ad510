package fr.ent.onde.rejections;

import fr.ent.onde.imports.ImportSchools;
import fr.ent.onde.rejections.RejectionResource.RejectedPupil;
import fr.ent.support.jdbc.CopyWriter;
import fr.ent.support.jdbc.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The owner of {@code onde_rejection}: the pupils the eligibility rules refused, per school and import (ONDE-3);
 * which import is a school's last is {@link ImportSchools}'s to say.
 */
@ApplicationScoped
public class Rejections {

    private final Sql sql;

    public Rejections(Sql sql) {
        this.sql = sql;
    }

    /** Writes an import's rejections on that connection as they are found, until {@link CopyWriter#finish()}. */
    public static CopyWriter writer(Connection connection) throws SQLException {
        return new CopyWriter(connection, "COPY onde_rejection (import_id, uai, pupil_id, last_name, first_name, "
                + "class_name, reasons) FROM STDIN");
    }

    /** One rejected pupil, in the columns of {@link #writer}. */
    public static void write(CopyWriter writer, UUID importId, String uai, String pupilId, String lastName,
            String firstName, String className, java.util.Collection<? extends Enum<?>> reasons) throws SQLException {
        writer.row(importId, uai, pupilId, lastName, firstName, className,
                reasons.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")));
    }

    /** Forgets what an import recorded (it runs again, or was refused or discarded). */
    public void forget(UUID importId) {
        sql.update("DELETE FROM onde_rejection WHERE import_id = ?", importId);
    }

    /** Import {@code id} repeats {@code repeated}: its rejections are the same. */
    public void repeat(UUID id, UUID repeated) {
        forget(id);
        sql.update("INSERT INTO onde_rejection (import_id, uai, pupil_id, last_name, first_name, class_name, reasons) "
                + "SELECT ?, uai, pupil_id, last_name, first_name, class_name, reasons FROM onde_rejection "
                + "WHERE import_id = ?", id, repeated);
    }

    /** The school's rejected pupils as its last completed import left them. */
    public List<RejectedPupil> latest(String uai) {
        return sql.list(LATEST, Rejections::rejected, uai, uai);
    }

    /** {@link #latest(String)} on an import's own connection (a loader thread's). */
    public static List<RejectedPupil> latest(Connection connection, String uai) throws SQLException {
        List<RejectedPupil> rejected = new ArrayList<>();
        try (PreparedStatement query = Sql.prepare(connection, LATEST, uai, uai); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                rejected.add(rejected(rows));
            }
        }
        return rejected;
    }

    private static final String LATEST = "SELECT import_id, pupil_id, last_name, first_name, class_name, reasons "
            + "FROM onde_rejection WHERE uai = ? AND import_id = (" + ImportSchools.LAST_COMPLETED + ") "
            + "ORDER BY last_name, first_name, pupil_id";

    private static RejectedPupil rejected(ResultSet row) throws SQLException {
        return new RejectedPupil(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), Arrays.asList(row.getString(6).split(",")));
    }
}
