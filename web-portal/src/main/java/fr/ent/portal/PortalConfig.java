package fr.ent.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The portal's settings ({@code ent.portal.*}): where the services are, and how long it waits for them. */
@ConfigMapping(prefix = "ent.portal")
public interface PortalConfig {

    /** The services' API base addresses, each overridable by its environment variable (ENT_PORTAL_ONDE_SYNC_URL …). */
    @WithDefault("http://127.0.0.1:18101")
    String ondeSyncUrl();

    @WithDefault("http://127.0.0.1:18102")
    String classUrl();

    @WithDefault("http://127.0.0.1:18103")
    String identityUrl();

    @WithDefault("http://127.0.0.1:18104")
    String contentUrl();

    @WithDefault("http://127.0.0.1:18105")
    String rolloverUrl();

    /** How long one call to a service may take before the page says the service does not answer. */
    @WithDefault("PT30S")
    Duration callTimeout();
}
