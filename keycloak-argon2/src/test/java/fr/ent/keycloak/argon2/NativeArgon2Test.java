package fr.ent.keycloak.argon2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The native hash equals the one Keycloak's own provider computes (BouncyCastle's generator, as Keycloak 26.5.6
 * calls it), and credentials travel both ways: one stored by Keycloak's provider verifies here, one made here has
 * Keycloak's stored form.
 */
class NativeArgon2Test {

    private static final LibArgon2 LIB = LibArgon2.load().orElseThrow(() -> new AssertionError(
            "libargon2 is not installed (Debian: apt-get install libargon2-1)"));
    private static final LibSodium SODIUM = LibSodium.load().orElseThrow(() -> new AssertionError(
            "libsodium is not installed (Debian: apt-get install libsodium23)"));
    private static final NativeArgon2PasswordHashProvider PROVIDER = new NativeArgon2PasswordHashProvider(LIB,
            Optional.of(SODIUM), Argon2Settings.KEYCLOAK_DEFAULTS, new Semaphore(2));
    private static final NativeArgon2PasswordHashProvider LIBARGON2_ONLY = new NativeArgon2PasswordHashProvider(LIB,
            Optional.empty(), Argon2Settings.KEYCLOAK_DEFAULTS, new Semaphore(2));

    /** What Keycloak's Argon2PasswordHashProvider stores as the secret's value. */
    private static String keycloaks(String password, byte[] salt, int type, int version, int iterations, int memory,
            int parallelism, int hashLength) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(type).withVersion(version).withSalt(salt)
                .withParallelism(parallelism).withMemoryAsKB(memory).withIterations(iterations).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[hashLength];
        generator.generateBytes(password.toCharArray(), out);
        return Base64.getEncoder().encodeToString(out);
    }

    @Test
    void equalsKeycloaksOwnHashForEveryTypeAndVersion() {
        equalsKeycloaksOwnHash(PROVIDER);
        equalsKeycloaksOwnHash(LIBARGON2_ONLY);
    }

    private static void equalsKeycloaksOwnHash(NativeArgon2PasswordHashProvider provider) {
        byte[] salt = "0123456789abcdef".getBytes();
        for (String password : List.of("ravutoki48", "Élève-d'été ç", "x", "a much longer password, 64 chars...")) {
            for (Map.Entry<String, Integer> type : NativeArgon2PasswordHashProvider.TYPES.entrySet()) {
                for (Map.Entry<String, Integer> version : NativeArgon2PasswordHashProvider.VERSIONS.entrySet()) {
                    String expected = keycloaks(password, salt, bcType(type.getKey()), version.getValue(), 2, 1024,
                            1, 32);
                    assertEquals(expected, provider.encode(password, salt, type.getKey(), version.getKey(), 2, 1024,
                            1, 32), password + " " + type.getKey() + " " + version.getKey());
                }
            }
        }
        // Keycloak's defaults, and other lengths and lanes.
        assertEquals(keycloaks("ravutoki48", salt, Argon2Parameters.ARGON2_id, 0x13, 5, 7168, 1, 32),
                provider.encode("ravutoki48", salt, "id", "1.3", 5, 7168, 1, 32));
        assertEquals(keycloaks("ravutoki48", salt, Argon2Parameters.ARGON2_id, 0x13, 3, 4096, 2, 64),
                provider.encode("ravutoki48", salt, "id", "1.3", 3, 4096, 2, 64));
    }

    @Test
    void aCredentialStoredByKeycloakVerifiesAndOneMadeHereHasKeycloaksForm() {
        byte[] salt = "fedcba9876543210".getBytes();
        String stored = keycloaks("ravutoki48", salt, Argon2Parameters.ARGON2_id, 0x13, 5, 7168, 1, 32);
        PasswordCredentialModel byKeycloak = PasswordCredentialModel.createFromValues("argon2", salt, 5, Map.of(
                "version", List.of("1.3"), "type", List.of("id"), "hashLength", List.of("32"), "memory",
                List.of("7168"), "parallelism", List.of("1")), stored);
        assertTrue(PROVIDER.verify("ravutoki48", byKeycloak));
        assertFalse(PROVIDER.verify("ravutoki49", byKeycloak));

        PasswordCredentialModel made = PROVIDER.encodedCredential("bazimopu26", -1);
        var data = made.getPasswordCredentialData();
        assertEquals("argon2", data.getAlgorithm());
        assertEquals(5, data.getHashIterations());
        assertEquals("id", data.getAdditionalParameters().getFirst("type"));
        assertEquals("1.3", data.getAdditionalParameters().getFirst("version"));
        assertEquals("7168", data.getAdditionalParameters().getFirst("memory"));
        assertEquals("1", data.getAdditionalParameters().getFirst("parallelism"));
        assertEquals("32", data.getAdditionalParameters().getFirst("hashLength"));
        byte[] madeSalt = made.getPasswordSecretData().getSalt();
        assertEquals(16, madeSalt.length);
        assertEquals(keycloaks("bazimopu26", madeSalt, Argon2Parameters.ARGON2_id, 0x13, 5, 7168, 1, 32),
                made.getPasswordSecretData().getValue());
        assertTrue(PROVIDER.verify("bazimopu26", made));
        assertFalse(PROVIDER.verify("bazimopu2", made));
        assertTrue(PROVIDER.policyCheck(null, made));
        assertEquals("Argon2id-1.3[m=7168,t=5,p=1]", PROVIDER.credentialHashingStrength(made));

        // Two hashes of one password differ by their salts; iterations the realm asks for are kept, up to 100.
        assertNotEquals(made.getPasswordSecretData().getValue(),
                PROVIDER.encodedCredential("bazimopu26", -1).getPasswordSecretData().getValue());
        PasswordCredentialModel three = PROVIDER.encodedCredential("bazimopu26", 3);
        assertEquals(3, three.getPasswordCredentialData().getHashIterations());
        assertFalse(PROVIDER.policyCheck(null, three), "a credential of other settings is hashed again at login");
        assertEquals(5, PROVIDER.encodedCredential("bazimopu26", 210000).getPasswordCredentialData()
                .getHashIterations());
    }

    @Test
    void libsodiumComputesWhatItCanAsTheReferenceLibraryDoes() {
        byte[] salt = "0123456789abcdef".getBytes();
        int id = LibArgon2.ARGON2_ID;
        int i = LibArgon2.ARGON2_I;
        for (int[] p : new int[][] {{id, 1, 8}, {id, 5, 7168}, {id, 2, 19456}, {i, 3, 4096}, {i, 4, 65}}) {
            assertTrue(LibSodium.computes(p[0], 0x13, p[1], p[2], 1, 16, 32));
            assertEquals(Base64.getEncoder().encodeToString(LIB.hash("Élève ravutoki48", salt, p[0], 0x13, p[1], p[2],
                    1, 32)), Base64.getEncoder().encodeToString(SODIUM.hash("Élève ravutoki48", salt, p[0], p[1], p[2],
                    32)), "type " + p[0] + ", " + p[1] + " passes, " + p[2] + " KiB");
        }
        // What it does not compute goes to libargon2: argon2d, version 1.0, lanes, other salts, short hashes.
        assertFalse(LibSodium.computes(LibArgon2.ARGON2_D, 0x13, 5, 7168, 1, 16, 32));
        assertFalse(LibSodium.computes(id, 0x10, 5, 7168, 1, 16, 32));
        assertFalse(LibSodium.computes(id, 0x13, 5, 7168, 2, 16, 32));
        assertFalse(LibSodium.computes(id, 0x13, 5, 7168, 1, 8, 32));
        assertFalse(LibSodium.computes(id, 0x13, 5, 7168, 1, 16, 8));
        assertFalse(LibSodium.computes(i, 0x13, 2, 7168, 1, 16, 32));
        assertFalse(LibSodium.computes(id, 0x13, 5, 4, 1, 16, 32));
        byte[] shortSalt = "01234567".getBytes();
        assertEquals(keycloaks("ravutoki48", shortSalt, Argon2Parameters.ARGON2_id, 0x13, 5, 7168, 1, 32),
                PROVIDER.encode("ravutoki48", shortSalt, "id", "1.3", 5, 7168, 1, 32));
    }

    @Test
    void theFactoryKeycloakStartsMakesProvidersWithoutBeingAskedIfSupported() {
        // Keycloak asks isSupported of the instance it builds with, and inits another one at start.
        NativeArgon2PasswordHashProviderFactory started = new NativeArgon2PasswordHashProviderFactory();
        started.init(new Config.SystemPropertiesScope("ent.test.argon2.unset."));
        PasswordCredentialModel made = started.create(null).encodedCredential("bazimopu26", -1);
        assertTrue(PROVIDER.verify("bazimopu26", made));
        assertEquals("argon2", started.getId());
        assertTrue(started.order() > 300, "before Keycloak's own argon2");
    }

    @Test
    void unknownTypeOrVersionIsRefused() {
        byte[] salt = new byte[16];
        assertThrows(IllegalArgumentException.class, () -> PROVIDER.encode("x", salt, "x", "1.3", 1, 64, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> PROVIDER.encode("x", salt, "id", "2.0", 1, 64, 1, 32));
    }

    private static int bcType(String type) {
        return switch (type) {
            case "id" -> Argon2Parameters.ARGON2_id;
            case "i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_d;
        };
    }
}
