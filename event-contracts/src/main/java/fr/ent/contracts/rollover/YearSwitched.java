package fr.ent.contracts.rollover;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code fr.ent.rollover.year-switched.v1} on {@code rollover.year-switched}, keyed by académie code: the rectorate
 * switched an académie from one school year to the next (SEQ-1).
 */
public record YearSwitched(UUID switchoverId, String academyCode, String fromYear, String toYear, Instant effectiveAt) {
}
