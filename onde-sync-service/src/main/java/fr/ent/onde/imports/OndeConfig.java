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

    /** The most files an export may hold. */
    @WithDefault("2000")
    int maxFiles();

    /** The most bytes an export may hold once uncompressed (a guard against zip bombs). */
    @WithDefault("8589934592")
    long maxUncompressedBytes();

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
}
