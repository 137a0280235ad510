package fr.ent.onde.imports;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Where each import's export is kept ({@code ent.onde.import-dir}), and its deletion, recorded on the import. */
@ApplicationScoped
public class KeptExports {

    private static final Logger LOG = Logger.getLogger(KeptExports.class);

    private final OndeConfig config;

    public KeptExports(OndeConfig config) {
        this.config = config;
    }

    Path archive(UUID id) {
        return Path.of(config.importDir()).resolve(id + ".zip");
    }

    /** Deletes the import's kept export and records when; a failure is logged, the row keeps the file's place. */
    void delete(UUID id) {
        try {
            Files.deleteIfExists(archive(id));
            QuarkusTransaction.requiringNew().run(() -> OndeImport.<OndeImport>findById(id).archiveDeletedAt = Instant.now());
        } catch (IOException e) {
            LOG.errorf(e, "could not delete the kept export of import %s (%s)", id, archive(id));
        }
    }
}
