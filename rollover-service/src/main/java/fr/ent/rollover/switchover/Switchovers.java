package fr.ent.rollover.switchover;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The owner of table {@code switchover}: every read and write of a switchover goes through here. */
@ApplicationScoped
public class Switchovers {

    private static final String COLUMNS = "id, academy_code, from_year, to_year, scheduled_at, status, requested_by, "
            + "requested_at, started_at, completed_at, cancelled_by, cancelled_at";

    private final Sql sql;

    public Switchovers(Sql sql) {
        this.sql = sql;
    }

    public void insert(Switchover s) {
        sql.update("INSERT INTO switchover (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.id(),
                s.academyCode(), s.fromYear(), s.toYear(), ts(s.scheduledAt()), s.status().name(), s.requestedBy(),
                ts(s.requestedAt()), ts(s.startedAt()), ts(s.completedAt()), s.cancelledBy(), ts(s.cancelledAt()));
    }

    public Optional<Switchover> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM switchover WHERE id = ?", Switchovers::row, id);
    }

    /** The switchover of the académie from that year that is not cancelled (at most one). */
    public Optional<Switchover> ofYear(String academyCode, String fromYear) {
        return sql.one("SELECT " + COLUMNS + " FROM switchover WHERE academy_code = ? AND from_year = ? "
                + "AND status <> 'CANCELLED'", Switchovers::row, academyCode, fromYear);
    }

    /** Switchovers of these académies (every one when null), the latest scheduled first. */
    public List<Switchover> list(Collection<String> academies) {
        if (academies == null) {
            return sql.list("SELECT " + COLUMNS + " FROM switchover ORDER BY scheduled_at DESC", Switchovers::row);
        }
        return sql.list("SELECT " + COLUMNS + " FROM switchover WHERE academy_code = ANY (?) ORDER BY scheduled_at DESC",
                Switchovers::row, Sql.texts(academies));
    }

    /** The switchovers not completed nor cancelled (scheduled or running), the latest scheduled first. */
    public List<Switchover> open() {
        return sql.list("SELECT " + COLUMNS + " FROM switchover WHERE status IN ('SCHEDULED', 'RUNNING') "
                + "ORDER BY scheduled_at DESC", Switchovers::row);
    }

    /** Scheduled switchovers whose time has come, oldest first. */
    public List<UUID> due(Instant now) {
        return sql.list("SELECT id FROM switchover WHERE status = 'SCHEDULED' AND scheduled_at <= ? "
                + "ORDER BY scheduled_at", row -> row.getObject(1, UUID.class), ts(now));
    }

    /**
     * Marks a due scheduled switchover started; true for the one caller whose update wins (the row stays locked
     * until its transaction ends: another instance's update waits, then finds it no longer scheduled).
     */
    public boolean markStarted(UUID id, Instant now) {
        return sql.update("UPDATE switchover SET status = 'RUNNING', started_at = ? WHERE id = ? "
                + "AND status = 'SCHEDULED' AND scheduled_at <= ?", ts(now), id, ts(now)) == 1;
    }

    public boolean markCancelled(UUID id, String by, Instant now) {
        return sql.update("UPDATE switchover SET status = 'CANCELLED', cancelled_by = ?, cancelled_at = ? "
                + "WHERE id = ? AND status = 'SCHEDULED'", by, ts(now), id) == 1;
    }

    public boolean markCompleted(UUID id, Instant at) {
        return sql.update("UPDATE switchover SET status = 'COMPLETED', completed_at = ? WHERE id = ? "
                + "AND status = 'RUNNING'", ts(at), id) == 1;
    }

    /**
     * For tests: forgets every switchover and what was recorded of it, in one statement that locks the four tables,
     * {@code switchover} first. Deleted one after the other, the reminders' scheduler recorded a reminder between the
     * reminders' delete and the switchovers', whose delete then broke the reminder's foreign key (CI, 2026-12-07);
     * locked reminders first, the scheduler (a switchover locked, a reminder to insert) and this deadlocked.
     */
    public void deleteAll() {
        sql.update("TRUNCATE switchover, switchover_reminder, switchover_ack, switchover_school");
    }

    private static Switchover row(ResultSet row) throws SQLException {
        return new Switchover(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                instant(row.getTimestamp(5)), Switchover.Status.valueOf(row.getString(6)), row.getString(7),
                instant(row.getTimestamp(8)), instant(row.getTimestamp(9)), instant(row.getTimestamp(10)),
                row.getString(11), instant(row.getTimestamp(12)));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
