package fr.ent.content.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** content-service's own settings ({@code ent.content.*}); each can be set by its environment variable. */
@ConfigMapping(prefix = "ent.content")
public interface ContentConfig {

    /**
     * How many schools of an académie a switchover applies at once, each in its own transaction (the database does
     * the work; two keep both cores of a small machine busy).
     */
    @WithDefault("2")
    int switchoverWorkers();

    /** The directory of the media files' blobs ({@code ENT_CONTENT_BLOBS_DIR}). */
    String blobsDir();

    /** The largest file the media library takes (the HTTP body limit is set a little above it). */
    @WithDefault("50M")
    MemorySize maxFileSize();

    /** How often expired archives are purged and the blobs nothing refers to any more are freed. */
    @WithDefault("PT10M")
    Duration housekeepingEvery();

    /**
     * How long what a switchover archived stays recoverable (CNT-2): 13 months — through the whole next school year
     * and into the rentrée after it, for a teacher away for a year; then it goes, with the pupils' work it holds.
     */
    @WithDefault("P395D")
    Duration archiveRetention();

    /** How old an unreferenced blob must be to be freed (an upload in progress refers to its blob only at its end). */
    @WithDefault("PT1H")
    Duration blobGrace();
}
