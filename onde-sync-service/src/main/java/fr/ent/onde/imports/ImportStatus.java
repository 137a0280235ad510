package fr.ent.onde.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An import as the rectorate and operators follow it. */
public record ImportStatus(UUID id, String source, OndeImport.Status status, String phase, String requestedBy,
        Instant receivedAt, Instant startedAt, Instant finishedAt, Progress progress, List<School> schools,
        String error) {

    /** {@code percent} by bytes read; {@code estimatedSecondsLeft} once enough is read to say (null before). */
    public record Progress(int filesDone, int filesTotal, long entitiesRead, double percent, long elapsedSeconds,
            Long estimatedSecondsLeft) {
    }

    public record School(String uai, int pupils, int rejected, int classes, int staff) {
    }

    static ImportStatus of(OndeImport i, List<School> schools) {
        return new ImportStatus(i.id, i.source, i.status, i.phase, i.requestedBy, i.receivedAt, i.startedAt,
                i.finishedAt, progress(i), schools, i.error);
    }

    private static Progress progress(OndeImport i) {
        boolean done = i.finishedAt != null;
        double fraction = done ? 1 : i.bytesTotal == 0 ? 0 : (double) i.bytesDone / i.bytesTotal;
        long elapsed = i.startedAt == null ? 0
                : Duration.between(i.startedAt, done ? i.finishedAt : Instant.now()).toSeconds();
        Long left = done ? Long.valueOf(0) : fraction < 0.02 ? null : Math.round(elapsed * (1 - fraction) / fraction);
        return new Progress(done ? i.filesTotal : i.filesDone, i.filesTotal, i.entitiesRead,
                Math.round(fraction * 1000) / 10.0, elapsed, left);
    }
}
