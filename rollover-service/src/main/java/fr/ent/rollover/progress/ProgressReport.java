package fr.ent.rollover.progress;

import fr.ent.rollover.switchover.Switchover;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SEQ-3: how far a switchover has got, per participant (a phase) and per school — done, running, waiting or stuck —
 * with counts, the time elapsed and an estimated time left from the rate measured so far.
 *
 * @param schools per school, null when left out ({@code ?schools=false})
 * @param startHeldBy for a due switchover not started yet: per participant, the schools it has still to apply the
 *     académie's last ONDE import to (the start waits for them, at most {@code ent.rollover.start-delay-max}); null
 *     otherwise
 */
public record ProgressReport(UUID id, String academyCode, String fromYear, String toYear, Instant scheduledAt,
        Switchover.Status status, String requestedBy, Instant startedAt, Instant completedAt, String cancelledBy,
        int percent, List<Phase> phases, Phase newYearImport, List<School> schools, Map<String, Integer> startHeldBy) {

    public enum State { WAITING, RUNNING, STUCK, DONE }

    /**
     * @param elapsedSeconds since the start, until the last school when done
     * @param estimatedSecondsLeft at the rate measured so far; null before the first school or once done
     */
    public record Phase(String participant, State state, int schoolsTotal, int schoolsDone, Instant lastProgressAt,
            Long elapsedSeconds, Long estimatedSecondsLeft) {
    }

    /**
     * @param acknowledged participant → when it acknowledged the school (absent: not yet)
     * @param readyAt when every participant had applied the new year's ONDE import for the school; null until then
     */
    public record School(String uai, State state, Map<String, Instant> acknowledged, Instant readyAt) {
    }

    /**
     * @param participants the participants the switchover waits for, in order
     * @param stuckAfter a participant with schools left and no progress for this long is stuck
     */
    /**
     * @param ready the schools ready for the new year (every participant applied its ONDE import), with when: the
     *     phase that follows the switch itself, which waits for the new year's export (never stuck: it comes when
     *     ONDE sends it)
     */
    public static ProgressReport of(Switchover s, List<String> participants, List<String> expected,
            List<SwitchoverProgress.Ack> acks, Map<String, Instant> ready, boolean withSchools, Duration stuckAfter,
            Instant now, Map<String, Integer> startHeldBy) {
        Map<String, Map<String, Instant>> byParticipant = new LinkedHashMap<>();
        participants.forEach(p -> byParticipant.put(p, new HashMap<>()));
        for (SwitchoverProgress.Ack ack : acks) {
            Map<String, Instant> done = byParticipant.get(ack.participant());
            if (done != null) {
                done.put(ack.uai(), ack.at());
            }
        }
        List<Phase> phases = new ArrayList<>();
        long doneTotal = 0;
        for (Map.Entry<String, Map<String, Instant>> participant : byParticipant.entrySet()) {
            Map<String, Instant> done = participant.getValue();
            int schoolsDone = (int) expected.stream().filter(done::containsKey).count();
            doneTotal += schoolsDone;
            phases.add(phase(s, participant.getKey(), expected.size(), schoolsDone, done, stuckAfter, now));
        }
        long total = (long) expected.size() * participants.size();
        int percent = s.startedAt() == null ? 0 : total == 0 ? 100 : (int) (100 * doneTotal / total);
        List<School> schools = null;
        if (withSchools) {
            schools = new ArrayList<>(expected.size());
            for (String uai : expected) {
                Map<String, Instant> acknowledged = new LinkedHashMap<>();
                byParticipant.forEach((p, done) -> {
                    if (done.containsKey(uai)) {
                        acknowledged.put(p, done.get(uai));
                    }
                });
                State state = acknowledged.size() == participants.size() ? State.DONE
                        : phases.stream().anyMatch(ph -> ph.state() == State.STUCK
                                && !acknowledged.containsKey(ph.participant())) ? State.STUCK : State.RUNNING;
                schools.add(new School(uai, state, acknowledged, ready.get(uai)));
            }
        }
        return new ProgressReport(s.id(), s.academyCode(), s.fromYear(), s.toYear(), s.scheduledAt(), s.status(),
                s.requestedBy(), s.startedAt(), s.completedAt(), s.cancelledBy(), percent, phases,
                newYearImport(s, expected, ready, now), schools, startHeldBy);
    }

    private static Phase newYearImport(Switchover s, List<String> expected, Map<String, Instant> ready, Instant now) {
        int done = (int) expected.stream().filter(ready::containsKey).count();
        Instant last = expected.stream().map(ready::get).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        if (s.startedAt() == null || done == 0) {
            return new Phase("onde-import " + s.toYear(), State.WAITING, expected.size(), done, last, null, null);
        }
        Instant first = expected.stream().map(ready::get).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElseThrow();
        if (done == expected.size()) {
            return new Phase("onde-import " + s.toYear(), State.DONE, expected.size(), done, last,
                    Duration.between(first, last).toSeconds(), null);
        }
        long left = done > 1 ? Math.round(Duration.between(first, last).toMillis() / (double) (done - 1)
                * (expected.size() - done) / 1000) : 0;
        return new Phase("onde-import " + s.toYear(), State.RUNNING, expected.size(), done, last,
                Duration.between(first, now).toSeconds(), done > 1 ? left : null);
    }

    private static Phase phase(Switchover s, String participant, int total, int done, Map<String, Instant> acks,
            Duration stuckAfter, Instant now) {
        if (s.startedAt() == null) {
            return new Phase(participant, State.WAITING, total, 0, null, null, null);
        }
        Instant last = acks.values().stream().max(Instant::compareTo).orElse(null);
        if (done == total) {
            Instant end = last == null ? s.startedAt() : last;
            return new Phase(participant, State.DONE, total, done, last,
                    Duration.between(s.startedAt(), end).toSeconds(), null);
        }
        Instant progressedAt = last == null ? s.startedAt() : last;
        State state = Duration.between(progressedAt, now).compareTo(stuckAfter) > 0 ? State.STUCK : State.RUNNING;
        Long left = null;
        if (done > 0 && last != null) {
            double perSchool = Duration.between(s.startedAt(), last).toMillis() / (double) done;
            left = Math.round(perSchool * (total - done) / 1000);
        }
        return new Phase(participant, state, total, done, last, Duration.between(s.startedAt(), now).toSeconds(),
                left);
    }
}
