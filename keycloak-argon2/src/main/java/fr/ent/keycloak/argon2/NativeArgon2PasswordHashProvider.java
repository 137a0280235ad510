package fr.ent.keycloak.argon2;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.Salt;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.dto.PasswordCredentialData;

/**
 * Keycloak's argon2 password hashing as Keycloak stores it — algorithm {@code argon2}, the iterations as
 * {@code hashIterations}, {@code type}, {@code version}, {@code hashLength}, {@code memory}, {@code parallelism} as
 * additional parameters, a 16-byte salt, the hash in Base64 — so that credentials made by either verify with the
 * other; only the hash is computed natively: by libsodium where it computes it (Keycloak's defaults), else by
 * libargon2. At most {@code cpuCores} hashes run at once, as in Keycloak's.
 */
final class NativeArgon2PasswordHashProvider implements PasswordHashProvider {

    private static final Logger LOG = Logger.getLogger(NativeArgon2PasswordHashProvider.class);

    /** The types and versions by Keycloak's names. */
    static final Map<String, Integer> TYPES = Map.of("id", LibArgon2.ARGON2_ID, "i", LibArgon2.ARGON2_I, "d",
            LibArgon2.ARGON2_D);
    static final Map<String, Integer> VERSIONS = Map.of("1.3", 0x13, "1.0", 0x10);

    private final LibArgon2 lib;
    private final Optional<LibSodium> sodium;
    private final Argon2Settings settings;
    private final Semaphore cpus;

    NativeArgon2PasswordHashProvider(LibArgon2 lib, Optional<LibSodium> sodium, Argon2Settings settings,
            Semaphore cpus) {
        this.lib = lib;
        this.sodium = sodium;
        this.settings = settings;
        this.cpus = cpus;
    }

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        PasswordCredentialData data = credential.getPasswordCredentialData();
        MultivaluedHashMap<String, String> p = data.getAdditionalParameters();
        return NativeArgon2PasswordHashProviderFactory.ID.equals(data.getAlgorithm())
                && data.getHashIterations() == settings.iterations() && p != null
                && settings.type().equals(p.getFirst("type")) && settings.version().equals(p.getFirst("version"))
                && String.valueOf(settings.hashLength()).equals(p.getFirst("hashLength"))
                && String.valueOf(settings.memory()).equals(p.getFirst("memory"))
                && String.valueOf(settings.parallelism()).equals(p.getFirst("parallelism"));
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        if (iterations == -1) {
            iterations = settings.iterations();
        } else if (iterations > 100) {
            LOG.warn("Iterations for Argon should be less than 100, using default");
            iterations = settings.iterations();
        }
        byte[] salt = Salt.generateSalt();
        String encoded = encode(rawPassword, salt, settings.type(), settings.version(), iterations,
                settings.memory(), settings.parallelism(), settings.hashLength());
        Map<String, List<String>> parameters = new HashMap<>();
        parameters.put("version", Collections.singletonList(settings.version()));
        parameters.put("type", Collections.singletonList(settings.type()));
        parameters.put("hashLength", Collections.singletonList(Integer.toString(settings.hashLength())));
        parameters.put("memory", Collections.singletonList(Integer.toString(settings.memory())));
        parameters.put("parallelism", Collections.singletonList(Integer.toString(settings.parallelism())));
        return PasswordCredentialModel.createFromValues(NativeArgon2PasswordHashProviderFactory.ID, salt, iterations,
                parameters, encoded);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        PasswordCredentialData data = credential.getPasswordCredentialData();
        MultivaluedHashMap<String, String> p = data.getAdditionalParameters();
        String encoded = encode(rawPassword, credential.getPasswordSecretData().getSalt(), p.getFirst("type"),
                p.getFirst("version"), data.getHashIterations(), Integer.parseInt(p.getFirst("memory")),
                Integer.parseInt(p.getFirst("parallelism")), Integer.parseInt(p.getFirst("hashLength")));
        return MessageDigest.isEqual(encoded.getBytes(StandardCharsets.US_ASCII),
                credential.getPasswordSecretData().getValue().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        MultivaluedHashMap<String, String> p = credential.getPasswordCredentialData().getAdditionalParameters();
        return String.format("Argon2%s-%s[m=%s,t=%d,p=%s]", p.getFirst("type"), p.getFirst("version"),
                p.getFirst("memory"), credential.getPasswordCredentialData().getHashIterations(),
                p.getFirst("parallelism"));
    }

    /** The Base64 of the raw hash, as Keycloak's provider writes it. */
    String encode(String password, byte[] salt, String type, String version, int iterations, int memory,
            int parallelism, int hashLength) {
        Integer typeValue = TYPES.get(type);
        Integer versionValue = VERSIONS.get(version);
        if (typeValue == null || versionValue == null) {
            throw new IllegalArgumentException("unknown argon2 type " + type + " or version " + version);
        }
        try {
            cpus.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
        try {
            byte[] hash = sodium.isPresent() && LibSodium.computes(typeValue, versionValue, iterations, memory,
                    parallelism, salt.length, hashLength)
                    ? sodium.get().hash(password, salt, typeValue, iterations, memory, hashLength)
                    : lib.hash(password, salt, typeValue, versionValue, iterations, memory, parallelism, hashLength);
            return Base64.getEncoder().encodeToString(hash);
        } finally {
            cpus.release();
        }
    }

    @Override
    public void close() {
    }
}
