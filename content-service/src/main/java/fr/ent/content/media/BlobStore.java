package fr.ent.content.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of media files live, by the SHA-256 of their content: the same file uploaded twice, recovered or
 * backed up is one blob. On disk by default ({@link FileBlobStore}); an S3-compatible object store can implement it
 * (the key is the hash; {@link #put} is given a file already hashed, so an upload can be a single PUT).
 */
public interface BlobStore {

    /** Stores the file's bytes as the blob {@code sha256}; a blob stored already is left as it is. */
    void put(String sha256, Path file) throws IOException;

    /** The blob's bytes, to be closed by the caller. */
    InputStream open(String sha256) throws IOException;

    /** Removes the blob; false when there was none. */
    boolean delete(String sha256) throws IOException;

    boolean exists(String sha256);
}
