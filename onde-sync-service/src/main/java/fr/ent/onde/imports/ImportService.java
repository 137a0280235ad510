package fr.ent.onde.imports;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Receives ONDE exports and queues them for the import thread, one at a time ({@link ImportRun} does the work): an
 * upload is answered at once with the import's id, and its progress is visible while it runs. Rectorate users
 * confirm or discard imports here; kept exports are deleted after their retention. An import that was running when
 * the service stopped runs again when it comes back, and publishes only what it had not yet published.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final List<OndeImport.Status> FINAL = Arrays.stream(OndeImport.Status.values())
            .filter(OndeImport.Status::isFinal).toList();

    private final OndeConfig config;
    private final ImportRun importRun;
    private final ImportSchools schools;
    private final KeptExports kept;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "onde-import");
        thread.setDaemon(true);
        return thread;
    });

    public ImportService(OndeConfig config, ImportRun importRun, ImportSchools schools, KeptExports kept) {
        this.config = config;
        this.importRun = importRun;
        this.schools = schools;
        this.kept = kept;
    }

    void resumeInterrupted(@Observes StartupEvent event) {
        List<OndeImport> interrupted = QuarkusTransaction.requiringNew().call(() -> OndeImport
                .<OndeImport>list("status in ?1 order by receivedAt", List.of(OndeImport.Status.RECEIVED,
                        OndeImport.Status.CHECKING, OndeImport.Status.PUBLISHING)));
        for (OndeImport found : interrupted) {
            if (found.attempts >= config.maxAttempts()) {
                importRun.fail(found.id, found.source, String.format("interrupted %d times (the service stopped or crashed while "
                        + "it ran, last while %s); it is not run again on its own: look at the service's log around "
                        + "its stops, then upload the export again or discard it", found.attempts, found.phase), null);
            } else {
                LOG.infof("import %s was interrupted (attempt %d of %d): running it again", found.id, found.attempts,
                        config.maxAttempts());
                worker.submit(() -> importRun.run(found.id));
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /**
     * Keeps the uploaded export and queues it; returns the import's id.
     *
     * @throws StorageFullException when keeping it would pass the quota of kept exports
     */
    public UUID receive(Path upload, String fileName, String requestedBy) throws IOException {
        UUID id = UUID.randomUUID();
        long size = Files.size(upload);
        long keptBytes = QuarkusTransaction.requiringNew().call(ImportService::keptBytes);
        if (keptBytes + size > config.maxKeptBytes()) {
            throw new StorageFullException(String.format("the exports kept take %d bytes; with this one (%d bytes) they "
                    + "would pass the quota of %d bytes (ent.onde.max-kept-bytes): wait for the retention (%s) to delete "
                    + "old ones, or ask an operator", keptBytes, size, config.maxKeptBytes(), config.exportRetention()));
        }
        Path dir = Files.createDirectories(Path.of(config.importDir()));
        String sha256 = SameExport.sha256(upload);
        Files.move(upload, kept.archive(id), StandardCopyOption.REPLACE_EXISTING);
        QuarkusTransaction.requiringNew().run(() -> {
            OndeImport received = new OndeImport();
            received.id = id;
            received.receivedAt = Instant.now();
            received.source = fileName;
            received.requestedBy = requestedBy;
            received.status = OndeImport.Status.RECEIVED;
            received.phase = "waiting for the imports before it";
            received.archiveBytes = size;
            received.archiveSha256 = sha256;
            received.persist();
        });
        LOG.infof("import %s received from %s: %s, kept in %s", id, requestedBy, fileName, dir);
        worker.submit(() -> importRun.run(id));
        return id;
    }

    private static long keptBytes() {
        Number sum = (Number) OndeImport.getEntityManager().createQuery(
                "select coalesce(sum(i.archiveBytes), 0) from OndeImport i where i.archiveDeletedAt is null")
                .getSingleResult();
        return sum.longValue();
    }

    /**
     * Deletes the kept exports of imports that ended (refused, failed, discarded, completed) longer ago than the
     * retention; their rows stay, with when the file went. Returns how many files were deleted.
     */
    public int deleteExpiredExports() {
        Instant before = Instant.now().minus(config.exportRetention());
        List<UUID> expired = QuarkusTransaction.requiringNew().call(() -> OndeImport.<OndeImport>list(
                "archiveDeletedAt is null and finishedAt < ?1 and status in ?2", before, FINAL).stream()
                .map(i -> i.id).toList());
        expired.forEach(kept::delete);
        return expired.size();
    }

    /**
     * A rectorate user's decision: a held import, confirmed, runs again without the safety brakes; any import that
     * has not ended can be discarded — set aside, its kept export deleted. One that is running stops at its next
     * step; when it was publishing, the schools already published stay published (the phase says how many).
     */
    public void decide(UUID id, boolean confirm, String decidedBy) {
        boolean stopRunning = QuarkusTransaction.requiringNew().call(() -> {
            OndeImport found = OndeImport.findById(id);
            if (found == null) {
                throw new NoSuchElementException("no import " + id);
            }
            if (confirm ? found.status != OndeImport.Status.HELD : found.status.isFinal()) {
                throw new IllegalStateException("import " + id + " is " + found.status + (confirm
                        ? ": only a HELD import can be confirmed" : ": it has ended, there is nothing to discard"));
            }
            if (!confirm && importRun.isRunning(id)) {
                return true;
            }
            found.status = confirm ? OndeImport.Status.RECEIVED : OndeImport.Status.DISCARDED;
            found.phase = (confirm ? "confirmed by " : "discarded by ") + decidedBy + " after: " + found.phase;
            if (confirm) {
                found.confirmedBy = decidedBy;
                found.finishedAt = null;
            } else {
                found.finishedAt = Instant.now();
            }
            return false;
        });
        if (stopRunning) {
            importRun.stop(id, decidedBy);
        } else if (!confirm) {
            kept.delete(id);
        }
        LOG.infof("import %s %s by %s", id, confirm ? "confirmed" : "discarded", decidedBy);
        if (confirm) {
            worker.submit(() -> importRun.run(id));
        }
    }

    /** What an import found per school, by UAI. */
    public List<ImportStatus.School> schools(UUID id) {
        return schools.of(id);
    }
}
