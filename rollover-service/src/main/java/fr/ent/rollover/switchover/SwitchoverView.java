package fr.ent.rollover.switchover;

import java.time.Instant;
import java.util.UUID;

public record SwitchoverView(UUID id, String academyCode, String fromYear, String toYear, Instant scheduledAt,
        Switchover.Status status, String requestedBy) {

    static SwitchoverView of(Switchover s) {
        return new SwitchoverView(s.id, s.academyCode, s.fromYear, s.toYear, s.scheduledAt, s.status, s.requestedBy);
    }
}
