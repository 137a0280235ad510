package fr.ent.onde.imports;

import fr.ent.onde.academy.AcademyYears;
import fr.ent.onde.aaf.AafFormatException;
import fr.ent.onde.aaf.ExportArchive;
import fr.ent.onde.imports.check.ExportCheck;
import fr.ent.onde.imports.publish.ChangePlan;
import fr.ent.onde.imports.publish.ChangePlan.SchoolChanges;
import fr.ent.onde.imports.publish.ImportState;
import fr.ent.onde.aaf.AafEntry;
import fr.ent.contracts.SchoolYear;
import fr.ent.support.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Receives ONDE exports and works through them one at a time, in the background: an upload is answered at once
 * with the import's id, and its progress is visible while it runs. An import is read once, whole (ONDE-5: checked,
 * and staged in the database as it is read); then the state it leads to is built, every school's changes are
 * computed against what was published (ONDE-4), the safety brakes look at them, and each school's changes are
 * published in their own transaction. An import that was running when the service stopped runs again when it comes
 * back, and publishes only what it had not yet published.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final List<OndeImport.Status> FINAL = Arrays.stream(OndeImport.Status.values())
            .filter(OndeImport.Status::isFinal).toList();

    private final OndeConfig config;
    private final AcademyYears years;
    private final AgroalDataSource dataSource;
    private final ImportState state;
    private final ChangePlan changes;
    private final Sql sql;
    private final SameExport sameExport;
    private final ImportSchools schools;
    private final ImportBrakes brakes;
    /** The import the worker runs now, and one a rectorate user asked to stop. */
    private volatile UUID running;
    private volatile UUID discardRequested;
    private volatile String discardedBy;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "onde-import");
        thread.setDaemon(true);
        return thread;
    });

    public ImportService(OndeConfig config, AcademyYears years, AgroalDataSource dataSource, ImportState state,
            ChangePlan changes, Sql sql, SameExport sameExport, ImportSchools schools, ImportBrakes brakes) {
        this.sql = sql;
        this.schools = schools;
        this.brakes = brakes;
        this.sameExport = sameExport;
        this.config = config;
        this.years = years;
        this.dataSource = dataSource;
        this.state = state;
        this.changes = changes;
    }

    void resumeInterrupted(@Observes StartupEvent event) {
        List<OndeImport> interrupted = QuarkusTransaction.requiringNew().call(() -> OndeImport
                .<OndeImport>list("status in ?1 order by receivedAt", List.of(OndeImport.Status.RECEIVED,
                        OndeImport.Status.CHECKING, OndeImport.Status.PUBLISHING)));
        for (OndeImport found : interrupted) {
            if (found.attempts >= config.maxAttempts()) {
                fail(found.id, found.source, String.format("interrupted %d times (the service stopped or crashed while "
                        + "it ran, last while %s); it is not run again on its own: look at the service's log around "
                        + "its stops, then upload the export again or discard it", found.attempts, found.phase), null);
            } else {
                LOG.infof("import %s was interrupted (attempt %d of %d): running it again", found.id, found.attempts,
                        config.maxAttempts());
                worker.submit(() -> run(found.id));
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
        long kept = QuarkusTransaction.requiringNew().call(ImportService::keptBytes);
        if (kept + size > config.maxKeptBytes()) {
            throw new StorageFullException(String.format("the exports kept take %d bytes; with this one (%d bytes) they "
                    + "would pass the quota of %d bytes (ent.onde.max-kept-bytes): wait for the retention (%s) to delete "
                    + "old ones, or ask an operator", kept, size, config.maxKeptBytes(), config.exportRetention()));
        }
        Path dir = Files.createDirectories(Path.of(config.importDir()));
        String sha256 = SameExport.sha256(upload);
        Files.move(upload, archive(id), StandardCopyOption.REPLACE_EXISTING);
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
        worker.submit(() -> run(id));
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
        expired.forEach(this::deleteArchive);
        return expired.size();
    }

    private void deleteArchive(UUID id) {
        try {
            Files.deleteIfExists(archive(id));
            update(id, i -> i.archiveDeletedAt = Instant.now());
        } catch (IOException e) {
            LOG.errorf(e, "could not delete the kept export of import %s (%s)", id, archive(id));
        }
    }

    private Path archive(UUID id) {
        return Path.of(config.importDir()).resolve(id + ".zip");
    }

    void run(UUID id) {
        OndeImport started = QuarkusTransaction.requiringNew().call(() -> OndeImport.<OndeImport>findById(id));
        if (started.status.isFinal() || started.status == OndeImport.Status.HELD) {
            return; // discarded while it waited
        }
        String source = started.source;
        boolean confirmed = started.confirmedBy != null;
        long began = System.nanoTime();
        running = id;
        try {
            Set<String> publishedBefore = schools.published(id);
            if (!publishedBefore.isEmpty()) {
                LOG.infof("import %s: %d schools were published before it was interrupted", id, publishedBefore.size());
            }
            Optional<SameExport.Repeated> repeated = sameExport.repeats(id, config.academyCode());
            if (repeated.isPresent()) {
                finishAsRepeated(id, repeated.get(), !publishedBefore.isEmpty(), began);
                return;
            }
            forget(id);
            update(id, i -> {
                i.attempts++;
                i.status = OndeImport.Status.CHECKING;
                i.startedAt = Instant.now();
                i.finishedAt = null;
                i.phase = "opening the archive";
                i.filesDone = 0;
                i.bytesDone = 0;
                i.entitiesRead = 0;
                i.schoolsTotal = 0;
                i.schoolsToPublish = 0;
                i.schoolsDone = 0;
                i.schoolsPublished = 0;
                i.eventsPublished = 0;
            });
            SchoolYear year = years.current(config.academyCode());
            ExportCheck.Result result;
            boolean complete;
            try (ExportArchive archive = ExportArchive.open(archive(id), source, config.maxFiles(),
                    config.maxUncompressedBytes()); ImportState.Stage stage = state.stage()) {
                complete = archive.complete();
                update(id, i -> {
                    i.filesTotal = archive.parts().size();
                    i.bytesTotal = archive.totalBytes();
                    i.complete = archive.complete();
                });
                ExportCheck check = new ExportCheck(config.academyCode(), year, knownSchools(),
                        config.maxValueLength());
                result = check.run(archive, new ProgressListener(id, stage));
                stage.finish();
            }
            String held = complete && !confirmed ? brakes.yearNotSwitched(result) : null;
            if (held != null) {
                schools.saveCounts(id, result.schools());
                hold(id, held);
                return;
            }
            update(id, i -> {
                i.status = OndeImport.Status.PUBLISHING;
                i.filesDone = i.filesTotal;
                i.bytesDone = i.bytesTotal;
                i.phase = "building the state the export leads to";
            });
            long built = System.nanoTime();
            ImportState.Next next = state.buildNext(complete);
            int unknown = next.unknownModifications();
            LOG.infof("import %s: read and staged in %.1f s, new state built in %.1f s", id, (built - began) / 1e9,
                    (System.nanoTime() - built) / 1e9);
            if (unknown > 0) {
                LOG.warnf("import %s: %d modifications of entities never imported were ignored", id, unknown);
            }
            // The removal brake looks at every school's changes before any is published. When it cannot hold the
            // import (a delta, a confirmed export, or no pupil of the year published yet: the rentrée's first
            // import), schools are published as soon as they are compared, and consumers start meanwhile.
            boolean brake = complete && !confirmed && state.anyPupilPublished(year.toString());
            Publishing publishing = new Publishing(id, publishedBefore);
            List<List<SchoolChanges>> kept = new ArrayList<>();
            schools.forget(id);
            if (!complete) {
                LOG.infof("import %s: the delta touches %d schools", id, next.schoolKeys().size());
            }
            List<SchoolChanges> planned = changes.plan(id, year, config.academyCode(), next, (done, total) -> {
                if (done % 50 == 1) {
                    update(id, i -> {
                        i.schoolsDone = done;
                        i.schoolsTotal = total;
                        i.phase = (brake ? "comparing school " : "comparing and publishing school ") + done
                                + " with what was published";
                    });
                }
            }, config.publishGroupEvents(), config.publishGroupSchools(), group -> {
                schools.saveChanges(id, group);
                if (brake) {
                    kept.add(group);
                } else {
                    publishing.publish(group);
                }
            });
            List<SchoolChanges> toPublish = planned.stream().filter(s -> s.events() > 0).toList();
            update(id, i -> {
                i.schoolsTotal = planned.size();
                i.schoolsDone = planned.size();
                i.schoolsToPublish = toPublish.size();
            });
            if (brake) {
                String removing = brakes.removesTooMany(planned);
                if (removing != null) {
                    hold(id, removing);
                    return;
                }
                for (List<SchoolChanges> group : kept) {
                    publishing.publish(group);
                }
            }
            long events = publishing.events;
            LOG.infof("import %s: %d schools published, %s", id, toPublish.size(), brake
                    ? String.format("in %.1f s after every school was compared", publishing.seconds())
                    : "each group as soon as it was compared");
            state.keepNext(next);
            long published = events;
            int pupils = planned.stream().mapToInt(s -> s.counts().pupils()).sum();
            int rejected = planned.stream().mapToInt(s -> s.counts().rejected()).sum();
            String summary = String.format("%d schools%s, %d pupils imported, %d rejected, %d events published",
                    planned.size(), complete ? "" : " touched by the delta (pupils counted in them)", pupils, rejected,
                    published);
            update(id, i -> {
                i.status = OndeImport.Status.COMPLETED;
                i.phase = "completed: " + summary;
                i.finishedAt = Instant.now();
            });
            LOG.infof("import %s completed: %s", id, summary);
        } catch (AafFormatException e) {
            refuse(id, e.getMessage());
        } catch (DiscardedWhileRunning e) {
            discarded(id);
        } catch (Throwable e) { // an Error too (OutOfMemoryError): the import must end, not stay CHECKING for good
            fail(id, source, ImportFailure.reason(e), e);
        } finally {
            running = null;
            discardRequested = null;
        }
    }

    /**
     * The same file as the last import, with nothing changed since: finished without reading it. An earlier attempt
     * that committed its markers already (then crashed) does not publish them again.
     */
    private void finishAsRepeated(UUID id, SameExport.Repeated repeated, boolean publishedBefore, long began) {
        int events = publishedBefore ? 0 : sameExport.finish(id, repeated, years.current(config.academyCode()));
        int schools = this.schools.count(id);
        String summary = String.format("the same file as import %s, and nothing changed since: not read again, "
                + "%d schools, %d markers published", repeated.importId(), schools, events);
        update(id, i -> {
            i.status = OndeImport.Status.COMPLETED;
            i.complete = repeated.complete();
            i.phase = "completed: " + summary;
            i.eventsPublished = events;
            i.schoolsTotal = schools;
            i.schoolsDone = schools;
            i.schoolsPublished = events;
            i.schoolsToPublish = events;
            i.finishedAt = Instant.now();
        });
        LOG.infof("import %s completed in %.1f s: %s", id, (System.nanoTime() - began) / 1e9, summary);
    }

    /** A safety brake held the import: nothing was published; a rectorate user confirms or discards it. */
    private void hold(UUID id, String reason) throws SQLException {
        state.clear();
        update(id, i -> {
            i.status = OndeImport.Status.HELD;
            i.phase = "held: " + reason;
            i.finishedAt = Instant.now();
        });
        LOG.infof("import %s held: %s", id, reason);
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
            if (!confirm && id.equals(running)) {
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
            discardRequested = id;
            discardedBy = decidedBy;
        } else if (!confirm) {
            deleteArchive(id);
        }
        LOG.infof("import %s %s by %s", id, confirm ? "confirmed" : "discarded", decidedBy);
        if (confirm) {
            worker.submit(() -> run(id));
        }
    }

    /** The worker stopped a running import that a rectorate user discarded. */
    private void discarded(UUID id) {
        discardRequested = null;
        try {
            forget(id);
            state.clear();
        } catch (SQLException e) {
            LOG.errorf(e, "could not remove what discarded import %s had recorded", id);
        }
        String by = discardedBy;
        QuarkusTransaction.requiringNew().run(() -> {
            OndeImport i = OndeImport.findById(id);
            i.status = OndeImport.Status.DISCARDED;
            i.phase = "discarded by " + by + " while running" + (i.schoolsPublished > 0 ? String.format(
                    " (%d schools of %d had been published and stay so)", i.schoolsPublished, i.schoolsToPublish) : "");
            i.finishedAt = Instant.now();
        });
        deleteArchive(id);
    }

    /** The server could not finish an import: logged once with its id, the reason kept for operators. */
    private void fail(UUID id, String source, String reason, Throwable cause) {
        if (cause == null) {
            LOG.errorf("import %s (%s) failed: %s", id, source, reason);
        } else {
            LOG.errorf(cause, "import %s (%s) failed: %s", id, source, reason);
        }
        try {
            state.clear();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "import %s: could not clear its staged state", id);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            OndeImport i = OndeImport.findById(id);
            i.status = OndeImport.Status.FAILED;
            i.error = reason;
            i.phase = "failed" + (i.schoolsPublished > 0 ? String.format(" after publishing %d schools of %d",
                    i.schoolsPublished, i.schoolsToPublish) : "");
            i.finishedAt = Instant.now();
        });
    }

    /** ONDE-5: a refused export leaves nothing behind but its status and the reason. */
    private void refuse(UUID id, String error) {
        LOG.warnf("import %s refused: %s", id, error);
        try {
            forget(id);
            state.clear();
        } catch (SQLException e) {
            LOG.errorf(e, "could not remove what refused import %s had recorded", id);
        }
        update(id, i -> {
            i.status = OndeImport.Status.REFUSED;
            i.phase = "refused";
            i.error = error;
            i.finishedAt = Instant.now();
        });
    }

    /** Records progress; where a rectorate user discarded the running import, it stops here. */
    private void update(UUID id, Consumer<OndeImport> change) {
        if (id.equals(discardRequested)) {
            throw new DiscardedWhileRunning();
        }
        QuarkusTransaction.requiringNew().run(() -> change.accept(OndeImport.findById(id)));
    }

    private Map<String, String> knownSchools() throws SQLException {
        Map<String, String> schools = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT join_key, uai FROM onde_school WHERE join_key IS NOT NULL"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                schools.put(rows.getString(1), rows.getString(2));
            }
        }
        return schools;
    }

    private void forget(UUID id) throws SQLException {
        sql.update("DELETE FROM onde_rejection WHERE import_id = ?", id);
        schools.forget(id);
    }

    private static final class DiscardedWhileRunning extends RuntimeException {
        DiscardedWhileRunning() {
            super("discarded while running", null, false, false);
        }
    }

    /** What an import found per school, by UAI. */
    public List<ImportStatus.School> schools(UUID id) {
        return schools.of(id);
    }

    /** Publishes groups of compared schools, counting what went out; progress goes to the import's row. */
    private final class Publishing {
        private final UUID id;
        private final Set<String> publishedBefore;
        private final long started = System.nanoTime();
        long events;
        int schoolsPublished;

        Publishing(UUID id, Set<String> publishedBefore) {
            this.id = id;
            this.publishedBefore = publishedBefore;
        }

        void publish(List<SchoolChanges> group) throws SQLException {
            List<String> uais = new ArrayList<>();
            for (SchoolChanges school : group) {
                if (school.events() == 0) {
                    continue;
                }
                schoolsPublished++;
                if (publishedBefore.contains(school.uai()) && school.events() <= 1) {
                    // Its changes went out before this import was interrupted: only its marker is left, and it was
                    // sent then. Sending it again would announce the school twice.
                    schools.markPublished(id, school.uai());
                } else {
                    uais.add(school.uai());
                }
            }
            if (!uais.isEmpty()) {
                events += changes.publish(id, uais);
            }
            int published = schoolsPublished;
            long sent = events;
            update(id, i -> {
                i.schoolsPublished = published;
                i.schoolsToPublish = Math.max(i.schoolsToPublish, published); // known as schools are compared
                i.eventsPublished = sent;
                i.phase = "publishing: " + published + " schools published";
            });
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /** Progress goes to the import's row as the check reads; rejections to their table, in batches. */
    private final class ProgressListener implements ExportCheck.Listener {
        private final UUID id;
        private final ImportState.Stage stage;

        ProgressListener(UUID id, ImportState.Stage stage) {
            this.id = id;
            this.stage = stage;
        }

        @Override
        public void accepted(ExportArchive.Part part, AafEntry entry) {
            try {
                stage.add(part.type(), entry);
            } catch (SQLException e) {
                throw new IllegalStateException("could not stage " + entry.id() + " of " + part.name(), e);
            }
        }

        @Override
        public void fileStarted(ExportArchive.Part part, int index) {
            update(id, i -> {
                i.filesDone = index;
                i.phase = "reading " + part.name();
            });
        }

        @Override
        public void progress(long entitiesRead, long bytesDone) {
            update(id, i -> {
                i.entitiesRead = entitiesRead;
                i.bytesDone = bytesDone;
            });
        }
    }
}
