package fr.ent.rollover.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.ent.rollover.progress.ProgressReport.State;
import fr.ent.rollover.switchover.Switchover;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressReportTest {

    private static final Instant START = Instant.parse("2018-09-03T22:00:00Z");
    private static final Duration STUCK_AFTER = Duration.ofMinutes(10);
    private static final List<String> SCHOOLS = List.of("0440001A", "0440002B", "0440003C", "0440004D");

    @Test
    void theTimeLeftIsEstimatedFromTheRateSoFar() {
        List<SwitchoverProgress.Ack> acks = List.of(ack("class-service", "0440001A", 30),
                ack("class-service", "0440002B", 60), ack("content-service", "0440001A", 10));
        ProgressReport report = ProgressReport.of(running(), List.of("class-service", "content-service"), SCHOOLS,
                acks, Map.of(), true, STUCK_AFTER, START.plusSeconds(70), null);
        ProgressReport.Phase classes = report.phases().get(0);
        assertEquals(State.RUNNING, classes.state());
        assertEquals(2, classes.schoolsDone());
        assertEquals(60L, classes.estimatedSecondsLeft(), "2 schools in 60 s: 2 more in 60 s");
        assertEquals(70L, classes.elapsedSeconds());
        assertEquals(30L, report.phases().get(1).estimatedSecondsLeft(), "1 school in 10 s: 3 more in 30 s");
        assertEquals(37, report.percent(), "3 of 8 acknowledgements");
        assertEquals(State.DONE, report.schools().get(0).state(), "both participants have it");
        assertEquals(State.RUNNING, report.schools().get(1).state(), "content-service has not yet");
    }

    @Test
    void aParticipantWithoutProgressForTooLongIsStuckAndSoAreTheSchoolsItOwes() {
        List<SwitchoverProgress.Ack> acks = List.of(ack("class-service", "0440001A", 5),
                ack("class-service", "0440002B", 6), ack("class-service", "0440003C", 7),
                ack("class-service", "0440004D", 8), ack("content-service", "0440001A", 9));
        ProgressReport report = ProgressReport.of(running(), List.of("class-service", "content-service"), SCHOOLS,
                acks, Map.of(), true, STUCK_AFTER, START.plus(Duration.ofMinutes(11)), null);
        assertEquals(State.DONE, report.phases().get(0).state());
        assertEquals(8L, report.phases().get(0).elapsedSeconds(), "done when its last school was");
        assertNull(report.phases().get(0).estimatedSecondsLeft());
        assertEquals(State.STUCK, report.phases().get(1).state(), "nothing for over 10 minutes");
        assertEquals(State.DONE, report.schools().get(0).state());
        assertEquals(State.STUCK, report.schools().get(1).state());
        ProgressReport recent = ProgressReport.of(running(), List.of("class-service", "content-service"), SCHOOLS,
                acks, Map.of(), false, STUCK_AFTER, START.plus(Duration.ofMinutes(9)), null);
        assertEquals(State.RUNNING, recent.phases().get(1).state());
        assertNull(recent.schools(), "left out when asked");
    }

    @Test
    void beforeItStartsEveryPhaseWaits() {
        Switchover scheduled = new Switchover(UUID.randomUUID(), "44", "2018-2019", "2019-2020", START,
                Switchover.Status.SCHEDULED, "rectorat.test", START.minusSeconds(60), null, null, null, null);
        ProgressReport report = ProgressReport.of(scheduled, List.of("class-service"), List.of(), List.of(), Map.of(), true,
                STUCK_AFTER, START.plus(Duration.ofHours(1)), Map.of("class-service", 3));
        assertEquals(State.WAITING, report.phases().get(0).state());
        assertEquals(Map.of("class-service", 3), report.startHeldBy());
        assertEquals(0, report.percent());
    }

    private static Switchover running() {
        return new Switchover(UUID.randomUUID(), "44", "2018-2019", "2019-2020", START, Switchover.Status.RUNNING,
                "rectorat.test", START.minusSeconds(60), START, null, null, null);
    }

    private static SwitchoverProgress.Ack ack(String participant, String uai, int secondsAfterStart) {
        return new SwitchoverProgress.Ack(participant, uai, START.plusSeconds(secondsAfterStart));
    }
}
