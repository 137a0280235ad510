package fr.ent.onde.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An import as the rectorate and operators follow it; {@code schools} is null when it was not asked for. */
public record ImportStatus(UUID id, String source, OndeImport.Status status, String phase, String requestedBy,
        Instant receivedAt, Instant startedAt, Instant finishedAt, Progress progress, List<School> schools,
        String error) {

    /**
     * Reading counts for the first half of {@code percent} (by bytes), comparing schools for a fifth and publishing
     * for the rest; {@code estimatedSecondsLeft} once enough is done to say (null before).
     */
    public record Progress(int filesDone, int filesTotal, long entitiesRead, int schoolsCompared, int schoolsTotal,
            int schoolsPublished, int schoolsToPublish, long eventsPublished, double percent, long elapsedSeconds,
            Long estimatedSecondsLeft) {
    }

    /**
     * What the import found and did in one school.
     *
     * @param pupils eligible pupils imported; {@code rejected}: refused by the eligibility rules
     * @param changes events published (or to publish) for the school, marker excluded
     * @param removedPupils pupils who left the school by this import (what the removal brake looks at)
     */
    public record School(String uai, int pupils, int rejected, int classes, int staff, int responsables, int changes,
            int removedPupils, boolean published) {
    }

    static ImportStatus of(OndeImport i, List<School> schools) {
        return new ImportStatus(i.id, i.source, i.status, i.phase, i.requestedBy, i.receivedAt, i.startedAt,
                i.finishedAt, progress(i), schools, i.error);
    }

    private static Progress progress(OndeImport i) {
        boolean done = i.finishedAt != null;
        double read = i.bytesTotal == 0 ? 0 : (double) i.bytesDone / i.bytesTotal;
        double compared = i.schoolsTotal == 0 ? 0 : (double) i.schoolsDone / i.schoolsTotal;
        double published = i.schoolsToPublish == 0 ? 0 : (double) i.schoolsPublished / i.schoolsToPublish;
        double fraction = done ? 1 : i.status == OndeImport.Status.PUBLISHING
                ? 0.5 + 0.2 * compared + 0.3 * published : 0.5 * read;
        long elapsed = i.startedAt == null ? 0
                : Duration.between(i.startedAt, done ? i.finishedAt : Instant.now()).toSeconds();
        Long left = done ? Long.valueOf(0) : fraction < 0.02 ? null : Math.round(elapsed * (1 - fraction) / fraction);
        return new Progress(done ? i.filesTotal : i.filesDone, i.filesTotal, i.entitiesRead, i.schoolsDone,
                i.schoolsTotal, i.schoolsPublished, i.schoolsToPublish, i.eventsPublished, Math.round(fraction * 1000) / 10.0, elapsed, left);
    }
}
