package fr.ent.content.liaison;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The owner of table {@code liaison_read}: which families read a note of the cahier de liaison, and when. */
@ApplicationScoped
public class LiaisonReads {

    public record Read(String personId, Instant readAt) {
    }

    private final Sql sql;

    public LiaisonReads(Sql sql) {
        this.sql = sql;
    }

    /** The person read the note (once, however often they say so). */
    public void read(UUID note, String personId) {
        sql.update("INSERT INTO liaison_read (item_id, person_id, read_at) VALUES (?, ?, now()) ON CONFLICT DO NOTHING",
                note, personId);
    }

    /** Who read the note, first reader first. */
    public List<Read> of(UUID note) {
        return sql.list("SELECT person_id, read_at FROM liaison_read WHERE item_id = ? ORDER BY read_at, person_id",
                row -> new Read(row.getString(1), row.getTimestamp(2).toInstant()), note);
    }
}
