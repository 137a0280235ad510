package fr.ent.rollover.switchover;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Topics;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.rollover.config.RolloverConfig;
import fr.ent.rollover.config.Participants;
import fr.ent.rollover.progress.SchoolReadiness;
import fr.ent.rollover.progress.SwitchoverProgress;
import fr.ent.rollover.school.AcademyYears;
import fr.ent.rollover.school.Schools;
import fr.ent.support.messaging.Outbox;
import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.rest.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * SEQ-1: a rectorate's switchover, from its request to its start. Starting publishes
 * {@code fr.ent.rollover.year-switched.v1} through the outbox in the transaction that marks it started, so that it is
 * published exactly once in effect: only one transaction's conditional update wins, whatever the number of instances
 * or a restart at that moment.
 */
@ApplicationScoped
public class SwitchoverService {

    private static final Logger LOG = Logger.getLogger(SwitchoverService.class);

    private final Switchovers switchovers;
    private final AcademyYears years;
    private final Schools schools;
    private final SwitchoverProgress progress;
    private final Outbox outbox;
    private final RolloverConfig config;
    private final Clock clock = Clock.systemUTC();

    private final SchoolReadiness readiness;
    private final Participants participants;
    /** When each held switchover was last said to wait, so that operators are told once a minute, not every second. */
    private final java.util.Map<UUID, Instant> heldSaid = new java.util.concurrent.ConcurrentHashMap<>();

    public SwitchoverService(Switchovers switchovers, AcademyYears years, Schools schools, SwitchoverProgress progress,
            Outbox outbox, RolloverConfig config, SchoolReadiness readiness, Participants participants) {
        this.readiness = readiness;
        this.participants = participants;
        this.switchovers = switchovers;
        this.years = years;
        this.schools = schools;
        this.progress = progress;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * A new switchover of the académie, started at once when {@code at} is null; checked against the académie's
     * current year and the switchovers it already has. Nothing is recorded when a check fails.
     */
    public Switchover request(String academyCode, String fromYear, String toYear, Instant at, String requestedBy) {
        SchoolYear from = SchoolYear.parse(fromYear);
        SchoolYear to = SchoolYear.parse(toYear);
        if (!from.next().equals(to)) {
            throw new InvalidInputException("toYear", "a switchover goes from a school year to the next: from "
                    + from + " it goes to " + from.next() + ", not " + to);
        }
        Instant now = clock.instant();
        if (at != null && !at.isAfter(now)) {
            throw new InvalidInputException("at", "a scheduled switchover starts in the future; " + at
                    + " is past (leave it out to switch now)");
        }
        if (at != null && at.isAfter(now.plus(config.maxScheduleAhead()))) {
            throw new InvalidInputException("at", "a switchover is scheduled at most "
                    + config.maxScheduleAhead().toDays() + " days ahead");
        }
        Switchover created = QuarkusTransaction.requiringNew().call(() -> {
            SchoolYear current = years.current(academyCode);
            if (!current.equals(from)) {
                throw new ProblemException(409, "fromYear", "académie " + academyCode + " is in " + current
                        + ", not " + from);
            }
            Optional<Switchover> existing = switchovers.ofYear(academyCode, from.toString());
            if (existing.isPresent()) {
                throw new ProblemException(409, "fromYear", "académie " + academyCode + " already has switchover "
                        + existing.get().id() + " from " + from + " (" + existing.get().status() + "); cancel it first");
            }
            Switchover s = new Switchover(UUID.randomUUID(), academyCode, from.toString(), to.toString(),
                    at == null ? now : at, Switchover.Status.SCHEDULED, requestedBy, now, null, null, null, null);
            switchovers.insert(s);
            return s;
        });
        LOG.infof("switchover %s of académie %s from %s to %s requested by %s for %s", created.id(), academyCode,
                from, to, requestedBy, at == null ? "now" : at);
        if (at == null) {
            start(created.id());
            return switchovers.find(created.id()).orElseThrow();
        }
        return created;
    }

    /** Cancels a switchover that has not started. */
    public Switchover cancel(Switchover s, String by) {
        boolean cancelled = QuarkusTransaction.requiringNew().call(() -> switchovers.markCancelled(s.id(), by,
                clock.instant()));
        if (!cancelled) {
            Switchover now = switchovers.find(s.id()).orElseThrow();
            throw new ProblemException(409, null, "switchover " + s.id() + " is " + now.status()
                    + ": only a scheduled switchover can be cancelled");
        }
        LOG.infof("switchover %s cancelled by %s", s.id(), by);
        return switchovers.find(s.id()).orElseThrow();
    }

    /** Starts every scheduled switchover whose time has come. */
    public int startDue() {
        int started = 0;
        for (UUID id : switchovers.due(clock.instant())) {
            started += start(id) ? 1 : 0;
        }
        return started;
    }

    /**
     * Starts a due switchover: in one transaction, marks it started (if this caller's update wins), advances the
     * académie's year, records the schools it waits for and publishes {@code year-switched} through the outbox.
     */
    boolean start(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            if (held(id, now)) {
                return false;
            }
            if (!switchovers.markStarted(id, now)) {
                return false; // started by another instance, cancelled meanwhile, or not due
            }
            Switchover s = switchovers.find(id).orElseThrow();
            List<String> uais = schools.ofAcademy(s.academyCode());
            progress.expect(id, uais);
            years.advance(s.academyCode(), SchoolYear.parse(s.toYear()), id, now);
            if (uais.isEmpty()) {
                switchovers.markCompleted(id, now); // an académie ONDE has brought no school of: nothing to wait for
            }
            outbox.publish(Topics.YEAR_SWITCHED, s.academyCode(), EventTypes.ROLLOVER_YEAR_SWITCHED, id.toString(),
                    new YearSwitched(id, s.academyCode(), s.fromYear(), s.toYear(), now));
            LOG.infof("switchover %s started: académie %s is in %s; waiting for %d schools", id, s.academyCode(),
                    s.toYear(), uais.size());
            heldSaid.remove(id);
            return true;
        });
    }

    /**
     * A due switchover waits while a participant has not applied the académie's latest ONDE import to every school:
     * switching a school whose import is still flowing through a slow consumer would leave that consumer's later
     * schools unacknowledged for good. It waits at most {@code ent.rollover.start-delay-max} past its time, then
     * starts all the same (operators are told who is behind).
     */
    private boolean held(UUID id, Instant now) {
        Switchover s = switchovers.find(id).orElse(null);
        if (s == null || s.status() != Switchover.Status.SCHEDULED) {
            return false;
        }
        java.util.Map<String, Integer> behind = readiness.behindOnImports(s.academyCode(), participants.names());
        if (behind.isEmpty()) {
            return false;
        }
        boolean overdue = now.isAfter(s.scheduledAt().plus(config.startDelayMax()));
        Instant said = heldSaid.get(id);
        if (overdue || said == null || said.isBefore(now.minusSeconds(60))) {
            heldSaid.put(id, now);
            if (overdue) {
                LOG.warnf("switchover %s starts %s after its time although participants are still applying the last "
                        + "ONDE import (schools behind: %s)", id, config.startDelayMax(), behind);
            } else {
                LOG.infof("switchover %s is due and waits until every participant applied the last ONDE import "
                        + "(schools behind: %s)", id, behind);
            }
        }
        return !overdue;
    }

    /** Per participant, the schools it still has to apply the last import of (empty: nothing holds a start). */
    public java.util.Map<String, Integer> behindOnImports(String academyCode) {
        return readiness.behindOnImports(academyCode, participants.names());
    }
}
