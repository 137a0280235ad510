package fr.ent.onde.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** onde-sync-service's settings ({@code ent.onde.*}). */
@ConfigMapping(prefix = "ent.onde")
public interface OndeConfig {

    /** The code of the académie this service imports for (ENTServAcCodeAcademie), e.g. 17 for Nantes. */
    String academyCode();

    /** The académie's current school year until the first switchover advances it (SEQ-1, ONDE-2 rule 4). */
    @WithDefault("2018-2019")
    String currentSchoolYear();

    /** Where received exports are kept. */
    String importDir();

    /** The longest attribute value accepted, in characters. */
    @WithDefault("4096")
    int maxValueLength();

    /**
     * The most files an export may hold. The largest académie (Versailles, about 570,000 primary pupils) fits in a
     * few dozen parts; the generator writes 250,000 pupils in 25.
     */
    @WithDefault("2000")
    int maxFiles();

    /**
     * The most bytes an export may hold once uncompressed (a guard against zip bombs): 4 GiB, three times what the
     * largest académie's export would take (Versailles, about 570,000 primary pupils at 2.4 KB each in the
     * generator's files: 1.4 GB).
     */
    @WithDefault("4294967296")
    long maxUncompressedBytes();

    /** How many times an interrupted import is started again at start-up before it is marked FAILED. */
    @WithDefault("3")
    int maxAttempts();

    /** How long the export of an import that ended (completed, refused, failed, discarded) is kept. */
    @WithDefault("30d")
    Duration exportRetention();

    /** The most bytes the kept exports may take together; an upload past it is refused (507). */
    @WithDefault("10737418240")
    long maxKeptBytes();

    /** SEQ-4: a folder whose zips are imported on their own; no folder is watched when unset. */
    Optional<String> dropFolder();

    /** How often the drop folder is looked at. */
    @WithDefault("1m")
    Duration dropFolderScan();

    /** When set (e.g. 02:30), the drop folder is looked at once a day from that time instead of all day long. */
    Optional<String> dailyPickupAt();

    /**
     * A safety brake: a complete export that would remove more than this share of a school's pupils is held until
     * a rectorate user confirms or discards it.
     */
    @WithDefault("0.10")
    double maxRemovedShare();

    /**
     * Schools whose changes are published together, in one transaction, until they reach this many events (or
     * {@link #publishGroupSchools} schools).
     */
    @WithDefault("1000")
    int publishGroupEvents();

    @WithDefault("50")
    int publishGroupSchools();
}
