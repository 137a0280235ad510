package fr.ent.onde.imports;

import fr.ent.onde.academy.AcademyYears;
import fr.ent.onde.aaf.AafFormatException;
import fr.ent.onde.aaf.ExportArchive;
import fr.ent.onde.imports.check.ExportCheck;
import fr.ent.onde.imports.check.ExportCheck.Rejection;
import fr.ent.onde.imports.check.ExportCheck.SchoolCounts;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Receives ONDE exports and works through them one at a time, in the background: an upload is answered at once
 * with the import's id, and its progress is visible while it runs. An import that was running when the service
 * stopped starts again when it comes back.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final int REJECTION_BATCH = 500;

    private final OndeConfig config;
    private final AcademyYears years;
    private final AgroalDataSource dataSource;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "onde-import");
        thread.setDaemon(true);
        return thread;
    });

    public ImportService(OndeConfig config, AcademyYears years, AgroalDataSource dataSource) {
        this.config = config;
        this.years = years;
        this.dataSource = dataSource;
    }

    void resumeInterrupted(@Observes StartupEvent event) {
        List<UUID> interrupted = QuarkusTransaction.requiringNew().call(() -> OndeImport
                .<OndeImport>list("status in ?1", List.of(OndeImport.Status.RECEIVED, OndeImport.Status.CHECKING))
                .stream().map(i -> i.id).toList());
        interrupted.forEach(id -> {
            LOG.infof("import %s was interrupted: checking it again", id);
            worker.submit(() -> check(id));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** Keeps the uploaded export and queues it; returns the import's id. */
    public UUID receive(Path upload, String fileName, String requestedBy) throws IOException {
        UUID id = UUID.randomUUID();
        Path dir = Files.createDirectories(Path.of(config.importDir()));
        Files.move(upload, archive(id), StandardCopyOption.REPLACE_EXISTING);
        QuarkusTransaction.requiringNew().run(() -> {
            OndeImport received = new OndeImport();
            received.id = id;
            received.receivedAt = Instant.now();
            received.source = fileName;
            received.requestedBy = requestedBy;
            received.status = OndeImport.Status.RECEIVED;
            received.phase = "waiting for the imports before it";
            received.persist();
        });
        LOG.infof("import %s received from %s: %s, kept in %s", id, requestedBy, fileName, dir);
        worker.submit(() -> check(id));
        return id;
    }

    private Path archive(UUID id) {
        return Path.of(config.importDir()).resolve(id + ".zip");
    }

    void check(UUID id) {
        String source = QuarkusTransaction.requiringNew().call(() -> OndeImport.<OndeImport>findById(id).source);
        try {
            forget(id);
            update(id, i -> {
                i.status = OndeImport.Status.CHECKING;
                i.startedAt = Instant.now();
                i.phase = "opening the archive";
            });
            try (ExportArchive archive = ExportArchive.open(archive(id), source, config.maxFiles(),
                    config.maxUncompressedBytes()); RejectionWriter rejections = new RejectionWriter(id)) {
                update(id, i -> {
                    i.filesTotal = archive.parts().size();
                    i.bytesTotal = archive.totalBytes();
                });
                ExportCheck check = new ExportCheck(years.current(config.academyCode()), knownSchools(),
                        config.maxValueLength());
                ExportCheck.Result result = check.run(archive, new ProgressListener(id, rejections));
                List<SchoolCounts> counts = result.schools();
                rejections.flush();
                saveCounts(id, counts);
                int pupils = counts.stream().mapToInt(SchoolCounts::pupils).sum();
                int rejected = counts.stream().mapToInt(SchoolCounts::rejected).sum();
                String summary = String.format("%d schools, %d pupils to import, %d rejected", counts.size(), pupils,
                        rejected);
                String held = archive.complete() ? yearNotSwitched(result) : null;
                update(id, i -> {
                    i.status = held == null ? OndeImport.Status.CHECKED : OndeImport.Status.HELD;
                    i.phase = held == null ? "checked: " + summary : "held: " + held;
                    i.finishedAt = Instant.now();
                });
                LOG.infof("import %s %s: %s", id, held == null ? "checked" : "held (" + held + ")", summary);
            }
        } catch (AafFormatException e) {
            refuse(id, e.getMessage());
        } catch (Exception e) {
            LOG.errorf(e, "import %s (%s) failed", id, source);
            refuse(id, "the import failed on the server's side: " + e.getMessage());
        }
    }

    /**
     * A safety brake: a complete export whose pupils mostly belong to a school year the académie has not switched
     * to yet would reject them all; it waits for a rectorate user to confirm or discard it.
     */
    private String yearNotSwitched(ExportCheck.Result result) {
        if (result.pupils() == 0 || result.laterYearPupils() * 2 <= result.pupils()) {
            return null;
        }
        return String.format("%d of %d pupils belong to a school year after %s, the académie's current one: "
                + "switch the year first, or confirm or discard this export", result.laterYearPupils(), result.pupils(),
                years.current(config.academyCode()));
    }

    /** A rectorate user's decision on a held import: confirmed, it is checked; discarded, it is kept as such. */
    public void decide(UUID id, boolean confirm, String decidedBy) {
        QuarkusTransaction.requiringNew().run(() -> {
            OndeImport held = OndeImport.findById(id);
            if (held == null) {
                throw new NoSuchElementException("no import " + id);
            }
            if (held.status != OndeImport.Status.HELD) {
                throw new IllegalStateException("import " + id + " is " + held.status + ", not HELD");
            }
            held.status = confirm ? OndeImport.Status.CHECKED : OndeImport.Status.DISCARDED;
            held.phase = (confirm ? "confirmed by " : "discarded by ") + decidedBy + " after: " + held.phase;
        });
        LOG.infof("held import %s %s by %s", id, confirm ? "confirmed" : "discarded", decidedBy);
    }

    /** ONDE-5: a refused export leaves nothing behind but its status and the reason. */
    private void refuse(UUID id, String error) {
        LOG.warnf("import %s refused: %s", id, error);
        try {
            forget(id);
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

    private void update(UUID id, Consumer<OndeImport> change) {
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
        try (Connection connection = dataSource.getConnection()) {
            for (String table : List.of("onde_rejection", "onde_import_school")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE import_id = ?")) {
                    delete.setObject(1, id);
                    delete.executeUpdate();
                }
            }
        }
    }

    /** What an import found per school, by UAI. */
    public List<ImportStatus.School> schools(UUID id) {
        List<ImportStatus.School> schools = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT uai, pupils, rejected, classes, staff FROM onde_import_school WHERE import_id = ? ORDER BY uai")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    schools.add(new ImportStatus.School(rows.getString(1), rows.getInt(2), rows.getInt(3),
                            rows.getInt(4), rows.getInt(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the schools of import " + id, e);
        }
        return schools;
    }

    private void saveCounts(UUID id, List<SchoolCounts> counts) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO onde_import_school (import_id, uai, pupils, rejected, classes, staff) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (SchoolCounts school : counts) {
                insert.setObject(1, id);
                insert.setString(2, school.uai());
                insert.setInt(3, school.pupils());
                insert.setInt(4, school.rejected());
                insert.setInt(5, school.classes());
                insert.setInt(6, school.staff());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Progress goes to the import's row as the check reads; rejections to their table, in batches. */
    private final class ProgressListener implements ExportCheck.Listener {
        private final UUID id;
        private final RejectionWriter rejections;

        ProgressListener(UUID id, RejectionWriter rejections) {
            this.id = id;
            this.rejections = rejections;
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

        @Override
        public void rejected(Rejection rejection) {
            rejections.add(rejection);
        }
    }

    private final class RejectionWriter implements AutoCloseable {
        private final UUID id;
        private final List<Rejection> pending = new ArrayList<>();

        RejectionWriter(UUID id) {
            this.id = id;
        }

        void add(Rejection rejection) {
            pending.add(rejection);
            if (pending.size() == REJECTION_BATCH) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO onde_rejection (import_id, uai, pupil_id, last_name, first_name, class_name, reasons) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Rejection r : pending) {
                    insert.setObject(1, id);
                    insert.setString(2, r.uai());
                    insert.setString(3, r.pupilId());
                    insert.setString(4, r.lastName());
                    insert.setString(5, r.firstName());
                    insert.setString(6, r.className());
                    insert.setString(7, r.reasons().stream().map(Enum::name).collect(Collectors.joining(",")));
                    insert.addBatch();
                }
                insert.executeBatch();
                pending.clear();
            } catch (SQLException e) {
                throw new IllegalStateException("could not record the rejections of import " + id, e);
            }
        }

        @Override
        public void close() {
            pending.clear();
        }
    }
}
