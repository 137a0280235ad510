package fr.ent.keycloak.argon2;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.credential.hash.Salt;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/**
 * Takes the place of Keycloak's {@code argon2} provider (same id, a higher order) where libargon2 is installed (and
 * hashes with libsodium what it can, where that is installed too: Keycloak's defaults, in half the time), with
 * the same settings under the same names ({@code --spi-password-hashing--argon2--memory=…}, {@code type},
 * {@code version}, {@code hash-length}, {@code iterations}, {@code parallelism}, {@code cpu-cores}); where it is not,
 * it says so once and Keycloak's own provider is used.
 */
public class NativeArgon2PasswordHashProviderFactory implements PasswordHashProviderFactory,
        EnvironmentDependentProviderFactory {

    static final String ID = "argon2";
    private static final Logger LOG = Logger.getLogger(NativeArgon2PasswordHashProviderFactory.class);
    private static final int KEYCLOAK_ARGON2_ORDER = 300;

    private Optional<LibArgon2> lib = Optional.empty();
    private Optional<LibSodium> sodium = Optional.empty();
    private Argon2Settings settings = Argon2Settings.KEYCLOAK_DEFAULTS;
    private Semaphore cpus;

    @Override
    public boolean isSupported(Config.Scope config) {
        lib = LibArgon2.load();
        if (lib.isEmpty()) {
            LOG.warn("libargon2 not found (Debian: libargon2-1): Keycloak's own argon2 hashes passwords");
        }
        return lib.isPresent();
    }

    @Override
    public void init(Config.Scope config) {
        Argon2Settings d = Argon2Settings.KEYCLOAK_DEFAULTS;
        settings = new Argon2Settings(config.get("type", d.type()), config.get("version", d.version()),
                config.getInt("hashLength", d.hashLength()), config.getInt("memory", d.memory()),
                config.getInt("iterations", d.iterations()), config.getInt("parallelism", d.parallelism()));
        if (!NativeArgon2PasswordHashProvider.TYPES.containsKey(settings.type())
                || !NativeArgon2PasswordHashProvider.VERSIONS.containsKey(settings.version())) {
            throw new IllegalArgumentException("argon2 type must be one of id, i, d and version 1.3 or 1.0: "
                    + settings);
        }
        cpus = new Semaphore(config.getInt("cpuCores", Runtime.getRuntime().availableProcessors()));
        // isSupported ran when Keycloak was built (kc.sh build, or start-dev's first step), on another instance.
        lib = LibArgon2.load();
        sodium = LibSodium.load();
        int type = NativeArgon2PasswordHashProvider.TYPES.get(settings.type());
        int version = NativeArgon2PasswordHashProvider.VERSIONS.get(settings.version());
        boolean bySodium = sodium.isPresent() && LibSodium.computes(type, version, settings.iterations(),
                settings.memory(), settings.parallelism(), Salt.generateSalt().length, settings.hashLength());
        LOG.infof("argon2 passwords hashed by %s: %s", bySodium ? "libsodium (others by libargon2)"
                : sodium.isPresent() ? "libargon2 (libsodium does not compute these)"
                : "libargon2 (libsodium not found; Debian: libsodium23)", settings);
    }

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return new NativeArgon2PasswordHashProvider(lib.orElseThrow(() -> new IllegalStateException(
                "libargon2 was found when Keycloak was built and is not found now (Debian: libargon2-1)")), sodium,
                settings, cpus);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return KEYCLOAK_ARGON2_ORDER + 1;
    }
}
