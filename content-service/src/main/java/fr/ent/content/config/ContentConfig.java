package fr.ent.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** content-service's own settings ({@code ent.content.*}); each can be set by its environment variable. */
@ConfigMapping(prefix = "ent.content")
public interface ContentConfig {

    /**
     * How many schools of an académie a switchover applies at once, each in its own transaction (the database does
     * the work; two keep both cores of a small machine busy).
     */
    @WithDefault("2")
    int switchoverWorkers();
}
