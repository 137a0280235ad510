package fr.ent.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** identity-service's settings ({@code ent.identity.*}). */
@ConfigMapping(prefix = "ent.identity")
public interface IdentityConfig {

    /** How long a disabled account (a pupil who left, a parent with no eligible child) is kept before it is deleted. */
    @WithDefault("P90D")
    Duration retention();

    /** How often disabled accounts past their retention are looked for. */
    @WithDefault("PT1H")
    Duration purgeEvery();

    Keycloak keycloak();

    Sheets sheets();

    interface Keycloak {

        /** The Keycloak the accounts live in (its base URL, without /realms). */
        @WithDefault("http://127.0.0.1:18080")
        String url();

        /** The realm of the ENT's users. */
        @WithDefault("ent")
        String realm();

        /** The confidential client whose service account manages the realm's users. */
        @WithDefault("ent-services")
        String clientId();

        /** Its secret: the local stack's throwaway one by default; a deployment sets its own. */
        @WithDefault("local-stack-throwaway-services-secret")
        String clientSecret();

        /** How often the provisioner brings Keycloak in step with the accounts ({@code off} to stop it). */
        @WithDefault("PT2S")
        Duration provisionEvery();

        /** The most accounts one provisioning round handles. */
        @WithDefault("200")
        int provisionBatch();

        /** After a Keycloak failure, how long an account waits before it is tried again. */
        @WithDefault("PT30S")
        Duration retryAfter();

        /** How many Keycloak calls a connection sheet makes at once (password hashing is Keycloak's cost). */
        @WithDefault("4")
        int parallelCalls();
    }

    interface Sheets {

        /** The ENT's address printed on the sheets. */
        @WithDefault("http://127.0.0.1:18100")
        String entUrl();

        /**
         * A folder with the DejaVu TrueType fonts (DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSansMono.ttf; Debian's
         * fonts-dejavu-core), which have the letters of every name ONDE gives; without them, the PDF's standard
         * Helvetica and Courier, with what they cannot print spelt without accents.
         */
        @WithDefault("/usr/share/fonts/truetype/dejavu")
        String fonts();

        /** The most people one request makes sheets for. */
        @WithDefault("200")
        int maxPersons();
    }
}
