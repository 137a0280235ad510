package fr.ent.onde.imports;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * SEQ-4: exports that the rectorate's transfer drops into a folder are imported on their own — every
 * {@code ent.onde.drop-folder-scan} (1 minute), or once a day at {@code ent.onde.daily-pickup-at} (e.g. 02:30)
 * when set. A zip is taken once its size has stopped changing between two scans (the transfer is over).
 */
@ApplicationScoped
public class DropFolder {

    private static final Logger LOG = Logger.getLogger(DropFolder.class);

    private final Optional<Path> folder;
    private final Duration scanEvery;
    private final Optional<LocalTime> dailyAt;
    private final ImportService imports;
    private final Map<Path, Long> sizes = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private LocalDate lastDailyPickup;

    public DropFolder(OndeConfig config, ImportService imports) {
        this.folder = config.dropFolder().map(Path::of);
        this.scanEvery = config.dropFolderScan();
        this.dailyAt = config.dailyPickupAt().map(LocalTime::parse);
        this.imports = imports;
    }

    void start(@Observes StartupEvent event) {
        folder.ifPresent(dir -> {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "onde-drop-folder"));
            scheduler.scheduleWithFixedDelay(this::scanWhenDue, 0, scanEvery.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("watching %s for ONDE exports %s", dir,
                    dailyAt.map(t -> "once a day at " + t).orElse("every " + scanEvery));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void scanWhenDue() {
        try {
            ZonedDateTime now = ZonedDateTime.now(Clock.systemDefaultZone());
            boolean dueToday = dailyAt.isPresent() && now.toLocalTime().isAfter(dailyAt.get())
                    && !now.toLocalDate().equals(lastDailyPickup);
            if (dailyAt.isEmpty() || dueToday) {
                scan();
                // The day's pickup is over once no zip is left waiting for its transfer to end.
                if (dueToday && sizes.isEmpty()) {
                    lastDailyPickup = now.toLocalDate();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "scanning the ONDE drop folder %s failed; trying again at the next scan", folder.orElseThrow());
        }
    }

    /** Takes every zip whose size did not change since the previous scan; returns how many were taken. */
    int scan() throws IOException {
        Path dir = folder.orElseThrow();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> zips;
        try (Stream<Path> files = Files.list(dir)) {
            zips = files.filter(f -> f.getFileName().toString().endsWith(".zip") && Files.isRegularFile(f)).sorted().toList();
        }
        sizes.keySet().retainAll(zips);
        int taken = 0;
        for (Path zip : zips) {
            long size = Files.size(zip);
            Long before = sizes.put(zip, size);
            if (before != null && before == size) {
                sizes.remove(zip);
                Path claimed = Files.move(zip, zip.resolveSibling(zip.getFileName() + ".taken"));
                imports.receive(claimed, zip.getFileName().toString(), "drop-folder");
                taken++;
            }
        }
        return taken;
    }
}
