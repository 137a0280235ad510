package fr.ent.content.switchover;

import fr.ent.content.retention.Application;
import fr.ent.content.retention.Fate;
import fr.ent.content.retention.RetentionMatrix;
import fr.ent.content.retention.SpaceKind;
import fr.ent.content.space.Space;
import fr.ent.content.space.Spaces;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.content.ContentAcknowledgement;
import fr.ent.contracts.content.ContentAcknowledgement.Counts;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * CNT-1: the retention matrix applied to one school's spaces of the closing year, in one transaction: every item
 * to archive is first copied for the right teachers (every teacher of its space, or its creator where the matrix
 * says so; the school when a class had no teacher) and the copies counted against what they must be, then what is
 * archived or deleted leaves the space, kept items stay, the spaces close, and the acknowledgement goes to the
 * outbox. A school done once is not done again (a redelivery); a crash before the commit leaves nothing half done.
 */
@ApplicationScoped
public class RetentionEngine {

    private static final Logger LOG = Logger.getLogger(RetentionEngine.class);

    private final Spaces spaces;
    private final Recoveries recoveries;
    private final Sql sql;
    private final Outbox outbox;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public RetentionEngine(Spaces spaces, Recoveries recoveries, Sql sql, Outbox outbox,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        this.spaces = spaces;
        this.recoveries = recoveries;
        this.sql = sql;
        this.outbox = outbox;
        this.json = json;
    }

    /** Applies the switchover to the school; false when it was applied before. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean applyToSchool(YearSwitched event, String uai) {
        if (sql.one("SELECT 1 FROM content_year_switch WHERE switchover_id = ? AND uai = ? FOR UPDATE",
                row -> 1, event.switchoverId(), uai).isPresent()) {
            return false;
        }
        List<Space> open = spaces.openOfYear(uai, event.fromYear());
        Map<String, Counts> preview = preview(open);
        Map<SpaceKind, List<UUID>> byKind = byKind(open);
        Map<String, int[]> counts = new TreeMap<>();
        List<UUID> closing = new ArrayList<>();
        for (Map.Entry<SpaceKind, List<UUID>> group : byKind.entrySet()) {
            List<UUID> ids = group.getValue();
            List<String> forTeachers = new ArrayList<>();
            List<String> forCreator = new ArrayList<>();
            for (Application application : RetentionMatrix.withFate(group.getKey(), Fate.ARCHIVE)) {
                (RetentionMatrix.creatorOnly(application) ? forCreator : forTeachers).add(application.name());
            }
            List<String> leaving = new ArrayList<>(forTeachers);
            leaving.addAll(forCreator);
            RetentionMatrix.withFate(group.getKey(), Fate.DELETE).forEach(a -> leaving.add(a.name()));
            // First the archives, verified; only then does anything leave the spaces.
            Recoveries.Archiving archiving = recoveries.archive(event.switchoverId(), ids, forTeachers, forCreator);
            long written = recoveries.written(event.switchoverId(), ids);
            if (written != archiving.due() || archiving.inserted() != archiving.due()) {
                throw new IllegalStateException("switchover " + event.switchoverId() + " at " + uai + ": "
                        + archiving.inserted() + " archive rows inserted and " + written + " found where "
                        + archiving.due() + " were due; nothing deleted");
            }
            // What left the spaces is archived or deleted by its application's fate; what stays counts as kept, so
            // that anything the matrix does not keep and that stayed would make the outcome differ from the preview.
            add(counts, group.getKey(), perApplication("WITH gone AS (DELETE FROM content_item WHERE space_id = "
                    + "ANY (?::uuid[]) AND application = ANY (?::text[]) RETURNING application) SELECT application, "
                    + "count(*) FROM gone GROUP BY application", Sql.array("uuid", ids.toArray()), Sql.texts(leaving)),
                    null);
            add(counts, group.getKey(), perApplication(PER_APPLICATION, Sql.array("uuid", ids.toArray())), Fate.KEEP);
            if (group.getKey() != SpaceKind.DEPARTMENTAL_PARTNERSHIP) {
                closing.addAll(ids);
            }
        }
        int closed = closing.isEmpty() ? 0 : spaces.close(closing, event.switchoverId());
        Map<String, Counts> result = counts(counts);
        if (!result.equals(preview)) {
            throw new IllegalStateException("switchover " + event.switchoverId() + " at " + uai + " would have done "
                    + result + " where its preview said " + preview + "; nothing done");
        }
        try {
            sql.update("INSERT INTO content_year_switch (switchover_id, uai, applied_at, counts) VALUES (?, ?, now(), "
                    + "?::jsonb)", event.switchoverId(), uai, json.writeValueAsString(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        outbox.publish(Topics.CONTENT_EVENTS, uai, EventTypes.CONTENT_YEAR_SWITCH_APPLIED, uai,
                new ContentAcknowledgement.YearSwitchApplied(event.switchoverId(), uai, event.fromYear(),
                        event.toYear(), closed, result));
        LOG.infof("switchover %s applied to %s: %d spaces closed, %s", event.switchoverId(), uai, closed, result);
        return true;
    }

    /**
     * CNT-1 before it happens: what the switchover will do to these spaces, per application (kept, archived,
     * deleted) — the same classification the switchover applies, and the switchover checks its outcome against it.
     */
    public Map<String, Counts> preview(List<Space> open) {
        Map<String, int[]> counts = new TreeMap<>();
        byKind(open).forEach((kind, ids) -> add(counts, kind, perApplication(PER_APPLICATION,
                Sql.array("uuid", ids.toArray())), null));
        return counts(counts);
    }

    private static final String PER_APPLICATION = "SELECT application, count(*) FROM content_item "
            + "WHERE space_id = ANY (?::uuid[]) GROUP BY application";

    /** Application → items, as the query answers them (application, count). */
    private Map<String, Integer> perApplication(String query, Object... parameters) {
        Map<String, Integer> found = new HashMap<>();
        sql.list(query, row -> found.put(row.getString(1), row.getInt(2)), parameters);
        return found;
    }

    /**
     * Adds items to the counts of a fate: {@code as}, or their application's in that kind of space when null (kept,
     * archived, deleted).
     */
    private static void add(Map<String, int[]> counts, SpaceKind kind, Map<String, Integer> items, Fate as) {
        items.forEach((application, n) -> {
            Fate fate = as != null ? as : RetentionMatrix.fate(Application.valueOf(application), kind).orElse(Fate.KEEP);
            counts.computeIfAbsent(application, a -> new int[Fate.values().length])[fate.ordinal()] += n;
        });
    }

    private static Map<String, Counts> counts(Map<String, int[]> counts) {
        Map<String, Counts> result = new LinkedHashMap<>();
        counts.forEach((application, c) -> result.put(application, new Counts(c[Fate.KEEP.ordinal()],
                c[Fate.ARCHIVE.ordinal()], c[Fate.DELETE.ordinal()])));
        return result;
    }

    /** Spaces by the kind whose column of the matrix applies (a départementale partnership is kept whole). */
    private static Map<SpaceKind, List<UUID>> byKind(List<Space> open) {
        Map<SpaceKind, List<UUID>> byKind = new LinkedHashMap<>();
        for (Space space : open) {
            SpaceKind kind = space.departmental() && space.kind() == SpaceKind.CLASS_PARTNERSHIP
                    ? SpaceKind.DEPARTMENTAL_PARTNERSHIP : space.kind();
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(space.id());
        }
        return byKind;
    }
}
