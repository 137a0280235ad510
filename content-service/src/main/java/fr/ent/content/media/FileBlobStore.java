package fr.ent.content.media;

import fr.ent.content.config.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blobs as files under {@code ent.content.blobs-dir}, at {@code ab/cd/abcd…} (two levels of 256 directories). A blob
 * is written beside its place and moved in atomically: a reader never sees half a file.
 */
@ApplicationScoped
public class FileBlobStore implements BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public FileBlobStore(ContentConfig config) {
        this.root = Path.of(config.blobsDir()).toAbsolutePath();
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        Path target = path(sha256);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(sha256 + "." + UUID.randomUUID() + ".partial");
        Files.copy(file, partial);
        try {
            // The same bytes stored meanwhile by another upload are replaced by the same bytes.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        return Files.deleteIfExists(path(sha256));
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(path(sha256));
    }

    private Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in hexadecimal: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }
}
