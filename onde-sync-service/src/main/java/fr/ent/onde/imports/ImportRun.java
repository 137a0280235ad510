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
import fr.ent.onde.rejections.Rejections;
import fr.ent.onde.school.OndeSchools;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One import's work, on the service's single import thread ({@link ImportService} queues them): read once, whole
 * (ONDE-5: checked, and staged in the database as it is read); then the state it leads to is built, every school's
 * changes are computed against what was published (ONDE-4), the safety brakes look at them, and the schools' changes
 * are published in groups, each in its own transaction. Progress goes to the import's row at each step, where a
 * rectorate user's discard stops it.
 */
@ApplicationScoped
public class ImportRun {

    private static final Logger LOG = Logger.getLogger(ImportRun.class);

    private final OndeConfig config;
    private final AcademyYears years;
    private final ImportState state;
    private final ChangePlan changes;
    private final SameExport sameExport;
    private final ImportSchools schools;
    private final ImportBrakes brakes;
    private final Rejections rejections;
    private final OndeSchools ondeSchools;
    private final KeptExports kept;
    /** The import running now, and one a rectorate user asked to stop. */
    private volatile UUID running;
    private volatile UUID discardRequested;
    private volatile String discardedBy;

    public ImportRun(OndeConfig config, AcademyYears years, ImportState state, ChangePlan changes,
            SameExport sameExport, ImportSchools schools, ImportBrakes brakes, Rejections rejections,
            OndeSchools ondeSchools, KeptExports kept) {
        this.config = config;
        this.years = years;
        this.state = state;
        this.changes = changes;
        this.sameExport = sameExport;
        this.schools = schools;
        this.brakes = brakes;
        this.rejections = rejections;
        this.ondeSchools = ondeSchools;
        this.kept = kept;
    }

    boolean isRunning(UUID id) {
        return id.equals(running);
    }

    /** Asks the running import to stop at its next step, as discarded by that user. */
    void stop(UUID id, String by) {
        discardedBy = by;
        discardRequested = id;
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
        Publishing publishing = null;
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
            try (ExportArchive archive = ExportArchive.open(kept.archive(id), source, config.maxFiles(),
                    config.maxUncompressedBytes()); ImportState.Stage stage = state.stage()) {
                complete = archive.complete();
                update(id, i -> {
                    i.filesTotal = archive.parts().size();
                    i.bytesTotal = archive.totalBytes();
                    i.complete = archive.complete();
                });
                ExportCheck check = new ExportCheck(config.academyCode(), year, ondeSchools.uaiByJoinKey(),
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
            ImportState.Next next = state.scope(state.buildNext(complete), config.academyCode(), id);
            int unknown = next.unknownModifications();
            LOG.infof("import %s: read and staged in %.1f s, new state built in %.1f s%s", id, (built - began) / 1e9,
                    (System.nanoTime() - built) / 1e9, next.scoped() ? " (a delta compared where it affects something)"
                            : "");
            if (unknown > 0) {
                LOG.warnf("import %s: %d modifications of entities never imported were ignored", id, unknown);
            }
            // The removal brake looks at every school's changes before any is published. When it cannot hold the
            // import (a delta, a confirmed export, or no pupil of the year published yet: the rentrée's first
            // import), schools are published as soon as they are compared, and consumers start meanwhile.
            boolean brake = complete && !confirmed && state.anyPupilPublished(year.toString());
            Publishing groups = new Publishing(id, publishedBefore);
            publishing = groups;
            List<List<SchoolChanges>> waiting = new ArrayList<>(); // while the removal brake decides
            schools.forget(id);
            if (!complete) {
                LOG.infof("import %s: the delta touches %d schools", id, next.schoolKeys().size());
            }
            List<SchoolChanges> planned = changes.plan(id, year, config.academyCode(), next, (done, total) -> {
                if (done % 50 == 1) {
                    int published = groups.schoolsPublished();
                    long sent = groups.events();
                    update(id, i -> {
                        i.schoolsDone = done;
                        i.schoolsTotal = total;
                        i.schoolsPublished = published;
                        i.schoolsToPublish = Math.max(i.schoolsToPublish, published);
                        i.eventsPublished = sent;
                        i.phase = (brake ? "comparing school " + done : "comparing school " + done + " and publishing ("
                                + published + " published)") + " with what was published";
                    });
                }
            }, config.publishGroupEvents(), config.publishGroupSchools(), group -> {
                schools.saveChanges(id, group);
                if (brake) {
                    waiting.add(group);
                } else {
                    groups.publish(group);
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
                update(id, i -> i.phase = "publishing the schools compared");
                for (List<SchoolChanges> group : waiting) {
                    groups.publish(group);
                }
            }
            groups.awaitAll();
            long events = groups.events();
            LOG.infof("import %s: %d schools published, %s", id, toPublish.size(), brake
                    ? String.format("in %.1f s after every school was compared", groups.seconds())
                    : "each group as soon as it was compared");
            state.keepNext(next);
            long published = events;
            int pupils = planned.stream().mapToInt(s -> s.counts().pupils()).sum();
            int rejected = planned.stream().mapToInt(s -> s.counts().rejected()).sum();
            String summary = String.format("%d schools%s, %d pupils imported, %d rejected, %d events published",
                    planned.size(), complete ? "" : next.scoped() ? " touched by the delta (pupils counted in them; "
                            + "compared where the delta affects them)" : " touched by the delta (pupils counted in them)",
                    pupils, rejected, published);
            update(id, i -> {
                i.status = OndeImport.Status.COMPLETED;
                i.phase = "completed: " + summary;
                i.finishedAt = Instant.now();
            });
            LOG.infof("import %s completed: %s", id, summary);
        } catch (AafFormatException e) {
            refuse(id, e.getMessage());
        } catch (DiscardedWhileRunning e) {
            stop(publishing); // before the working tables are emptied
            discarded(id);
        } catch (Throwable e) { // an Error too (OutOfMemoryError): the import must end, not stay CHECKING for good
            stop(publishing);
            fail(id, source, ImportFailure.reason(e), e);
        } finally {
            stop(publishing);
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
        kept.delete(id);
    }

    /** The server could not finish an import: logged once with its id, the reason kept for operators. */
    void fail(UUID id, String source, String reason, Throwable cause) {
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

    private void forget(UUID id) throws SQLException {
        rejections.forget(id);
        schools.forget(id);
    }

    private static final class DiscardedWhileRunning extends RuntimeException {
        DiscardedWhileRunning() {
            super("discarded while running", null, false, false);
        }
    }

    /**
     * Publishes groups of compared schools, in order, on a thread of its own: the next schools are compared while
     * PostgreSQL records a group's events (one transaction per group). Counts what went out; the comparing thread
     * writes them to the import's row with its own progress (one writer per row), and learns of a failure at its
     * next group or when it waits for the last one.
     */
    private final class Publishing implements AutoCloseable {
        private final UUID id;
        private final Set<String> publishedBefore;
        private final long started = System.nanoTime();
        private final java.util.concurrent.ExecutorService publisher = java.util.concurrent.Executors
                .newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "onde-import-publisher");
                    thread.setDaemon(true);
                    return thread;
                });
        private final List<java.util.concurrent.Future<?>> queued = new ArrayList<>();
        private volatile Throwable failure;
        private volatile long events;
        private volatile int schoolsPublished;

        Publishing(UUID id, Set<String> publishedBefore) {
            this.id = id;
            this.publishedBefore = publishedBefore;
        }

        /** Queues a group; an earlier group's failure is thrown here. */
        void publish(List<SchoolChanges> group) throws SQLException {
            rethrowFailure();
            queued.add(publisher.submit(() -> {
                if (failure != null) {
                    return; // the import failed: nothing after it is published
                }
                try {
                    if (id.equals(discardRequested)) {
                        throw new DiscardedWhileRunning();
                    }
                    publishNow(group);
                } catch (Throwable e) {
                    failure = e;
                }
            }));
        }

        private void publishNow(List<SchoolChanges> group) throws SQLException {
            List<String> uais = new ArrayList<>();
            int published = schoolsPublished;
            for (SchoolChanges school : group) {
                if (school.events() == 0) {
                    continue;
                }
                published++;
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
            schoolsPublished = published;
        }

        /** Waits until every queued group is published, recording progress meanwhile; a failure is thrown. */
        void awaitAll() throws SQLException, InterruptedException {
            for (java.util.concurrent.Future<?> group : queued) {
                while (true) {
                    try {
                        group.get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        recordProgress();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("the publishing thread failed", e.getCause());
                    }
                }
            }
            rethrowFailure();
            recordProgress();
        }

        /** What was published so far, on the import's row (from the comparing thread only). */
        void recordProgress() {
            int published = schoolsPublished;
            long sent = events;
            update(id, i -> {
                i.schoolsPublished = published;
                i.schoolsToPublish = Math.max(i.schoolsToPublish, published); // known as schools are compared
                i.eventsPublished = sent;
            });
        }

        private void rethrowFailure() throws SQLException {
            Throwable e = failure;
            if (e instanceof SQLException sql) {
                throw sql;
            } else if (e instanceof RuntimeException runtime) {
                throw runtime;
            } else if (e instanceof Error error) {
                throw error;
            } else if (e != null) {
                throw new IllegalStateException("publishing failed", e);
            }
        }

        long events() {
            return events;
        }

        int schoolsPublished() {
            return schoolsPublished;
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        /**
         * Nothing more is published; returns once the group being published, if any, has committed or rolled back
         * (the working tables it reads must not be emptied under it).
         */
        @Override
        public void close() {
            if (failure == null) {
                failure = new java.util.concurrent.CancellationException("the import ended");
            }
            publisher.shutdown();
            try {
                if (!publisher.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
                    LOG.errorf("import %s: a group was still being published 2 minutes after the import ended", id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void stop(Publishing publishing) {
        if (publishing != null) {
            publishing.close();
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
