package fr.ent.content.media;

import fr.ent.content.config.ContentConfig;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The owner of table {@code blob}: which blobs exist, and the sweep ({@link fr.ent.content.housekeeping.Housekeeping})
 * that frees those nothing refers to any more (no item, no archive) once older than {@code ent.content.blob-grace}. An upload takes its blob's row lock before it
 * stores the bytes, and the sweeper deletes the bytes while it holds that row: an upload of the same bytes waits for
 * the sweep and then stores them again, never refers to a blob the sweeper is removing.
 */
@ApplicationScoped
public class Blobs {

    private static final Logger LOG = Logger.getLogger(Blobs.class);

    /** A stored blob: its hash and size. */
    public record Stored(String sha256, long size) {
    }

    private final Sql sql;
    private final BlobStore store;
    private final ContentConfig config;

    public Blobs(Sql sql, BlobStore store, ContentConfig config) {
        this.sql = sql;
        this.store = store;
        this.config = config;
    }

    /** Hashes the file, records its blob (or renews the record of the same bytes) and stores the bytes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Stored store(Path file) throws IOException {
        String sha256 = sha256(file);
        long size = Files.size(file);
        sql.update("INSERT INTO blob (sha256, size, created_at) VALUES (?, ?, now()) ON CONFLICT (sha256) DO UPDATE "
                + "SET created_at = now()", sha256, size);
        store.put(sha256, file);
        return new Stored(sha256, size);
    }

    public InputStream open(String sha256) throws IOException {
        return store.open(sha256);
    }

    /** Frees the blobs nothing refers to any more and older than the grace period; returns how many. */
    @Transactional
    public int sweep() {
        List<String> freed = sql.list("DELETE FROM blob b WHERE b.created_at < now() - make_interval(secs => ?) "
                + "AND NOT EXISTS (SELECT 1 FROM content_item i WHERE i.blob = b.sha256) AND NOT EXISTS (SELECT 1 "
                + "FROM recovery_item r WHERE r.blob = b.sha256) RETURNING b.sha256", row -> row.getString(1),
                (double) config.blobGrace().toSeconds());
        for (String sha256 : freed) {
            try {
                store.delete(sha256);
            } catch (IOException e) {
                // Left on disk: nothing refers to it; the row is gone, so a new upload of it stores it again.
                LOG.warnf(e, "blob %s freed but its file could not be removed", sha256);
            }
        }
        if (!freed.isEmpty()) {
            LOG.infof("%d blob(s) nothing refers to any more freed", freed.size());
        }
        return freed.size();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
