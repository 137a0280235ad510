package fr.ent.rollover.operations;

import fr.ent.rollover.config.Participants;
import fr.ent.support.jdbc.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The switchover's business metrics in Prometheus format ({@code /q/metrics} on the management port), read from the
 * database at each scrape: switchovers per status, the acknowledgements the running ones still wait for (a
 * participant × school not yet done) out of those expected, schools ready and notifications recorded.
 */
@ApplicationScoped
public class RolloverMetrics {

    private static final Logger LOG = Logger.getLogger(RolloverMetrics.class);

    private final Sql sql;
    private final Participants participants;
    private final MeterRegistry registry;

    public RolloverMetrics(Sql sql, Participants participants, MeterRegistry registry) {
        this.sql = sql;
        this.participants = participants;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        for (String status : new String[] {"SCHEDULED", "RUNNING", "COMPLETED", "CANCELLED"}) {
            gauge("ent.switchovers", "switchovers by status", () -> count(
                    "SELECT count(*) FROM switchover WHERE status = ?", status), "status", status.toLowerCase());
        }
        gauge("ent.switchover.acknowledgements.expected", "participant × school acknowledgements the running "
                + "switchovers wait for in all", this::expected);
        gauge("ent.switchover.acknowledgements.pending", "of those, not received yet", () -> expected()
                - count("SELECT count(*) FROM switchover_ack a JOIN switchover s ON s.id = a.switchover_id "
                        + "WHERE s.status = 'RUNNING'"));
        gauge("ent.schools.ready", "schools ready for a school year (every participant applied its import)",
                () -> count("SELECT count(*) FROM school_ready"));
        gauge("ent.notifications", "notifications recorded for directeurs and teachers",
                () -> count("SELECT count(*) FROM notification"));
    }

    private double expected() {
        return count("SELECT count(*) FROM switchover_school ss JOIN switchover s ON s.id = ss.switchover_id "
                + "WHERE s.status = 'RUNNING'") * participants.names().size();
    }

    private void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    /** A count, or NaN when the database does not answer (the scrape goes on; the gap shows). */
    private double count(String query, Object... parameters) {
        try {
            return sql.one(query, row -> row.getLong(1), parameters).orElse(0L);
        } catch (RuntimeException e) {
            LOG.debugf("metric query failed: %s", e.toString());
            return Double.NaN;
        }
    }
}
