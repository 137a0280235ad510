package fr.ent.classes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

/** class-service's settings ({@code ent.classes.*}). */
@ConfigMapping(prefix = "ent.classes")
public interface ClassesConfig {

    /** Every académie's current school year until its first switchover (SEQ-2, SEQ-5). */
    @WithDefault("2018-2019")
    String currentSchoolYear();

    /** UAIs of écoles départementales ONDE does not flag as such: their partnerships take classes of the département. */
    Optional<Set<String>> departmentalSchools();

    /**
     * How many consumers apply {@code onde.changes} side by side, each on its share of the topic's partitions (read
     * by the channel's {@code concurrency} in application.properties).
     */
    @WithDefault("2")
    int ondeConcurrency();
}
