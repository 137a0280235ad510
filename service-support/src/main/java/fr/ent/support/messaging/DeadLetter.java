package fr.ent.support.messaging;

import java.time.Instant;

/**
 * A record that a consumer could not apply, as SmallRye's dead-letter strategy stored it: where it failed, why,
 * and whether an operator replayed it.
 */
public record DeadLetter(int partition, long offset, Instant failedAt, String key, String eventId, String eventType,
        String originalTopic, Integer originalPartition, Long originalOffset, String reason, String cause,
        String value, boolean valueTruncated, Instant replayedAt, String replayedBy) {
}
