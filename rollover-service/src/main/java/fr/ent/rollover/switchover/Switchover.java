package fr.ent.rollover.switchover;

import java.time.Instant;
import java.util.UUID;

/**
 * One académie's move from a school year to the next (SEQ-1): scheduled, then started once (its
 * {@code year-switched} event published), then completed when every participant has applied it to every school.
 */
public record Switchover(UUID id, String academyCode, String fromYear, String toYear, Instant scheduledAt,
        Status status, String requestedBy, Instant requestedAt, Instant startedAt, Instant completedAt,
        String cancelledBy, Instant cancelledAt) {

    public enum Status { SCHEDULED, RUNNING, COMPLETED, CANCELLED }
}
