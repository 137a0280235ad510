package fr.ent.rollover.progress;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The owner of tables {@code switchover_school} (the schools a started switchover waits for) and
 * {@code switchover_ack} (each participant's acknowledgement per school).
 */
@ApplicationScoped
public class SwitchoverProgress {

    /** A participant's acknowledgement for one school. */
    public record Ack(String participant, String uai, Instant at) {
    }

    private final Sql sql;

    public SwitchoverProgress(Sql sql) {
        this.sql = sql;
    }

    /** In the transaction that starts the switchover: the schools it waits for. */
    public void expect(UUID switchoverId, List<String> uais) {
        sql.update("INSERT INTO switchover_school (switchover_id, uai) SELECT ?, unnest(?::text[])", switchoverId,
                Sql.texts(uais));
    }

    public List<String> schools(UUID switchoverId) {
        return sql.list("SELECT uai FROM switchover_school WHERE switchover_id = ? ORDER BY uai",
                row -> row.getString(1), switchoverId);
    }

    /**
     * Records an acknowledgement; a second one for the same school and participant changes nothing. False when the
     * switchover is unknown here (another instance of the suite, or forgotten).
     */
    public boolean acknowledge(UUID switchoverId, String participant, String uai, Instant at, String detail) {
        return sql.update("INSERT INTO switchover_ack (switchover_id, participant, uai, acknowledged_at, detail) "
                + "SELECT id, ?, ?, ?, ? FROM switchover WHERE id = ? ON CONFLICT DO NOTHING", participant, uai, at,
                detail, switchoverId) == 1;
    }

    public List<Ack> acks(UUID switchoverId) {
        return sql.list("SELECT participant, uai, acknowledged_at FROM switchover_ack WHERE switchover_id = ? "
                + "ORDER BY acknowledged_at", row -> new Ack(row.getString(1), row.getString(2),
                        row.getTimestamp(3).toInstant()), switchoverId);
    }

    /** Whether every expected school is acknowledged by each of these participants. */
    public boolean complete(UUID switchoverId, List<String> participants) {
        return sql.one("SELECT count(*) FROM switchover_school s CROSS JOIN unnest(?::text[]) p(participant) "
                + "WHERE s.switchover_id = ? AND NOT EXISTS (SELECT 1 FROM switchover_ack a WHERE "
                + "a.switchover_id = s.switchover_id AND a.uai = s.uai AND a.participant = p.participant)",
                row -> row.getLong(1), Sql.texts(participants), switchoverId).orElse(0L) == 0;
    }
}
