package fr.ent.keycloak.argon2;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * libsodium's argon2 ({@code crypto_pwhash}, Debian's {@code libsodium23}) through JNA: the same hash as the reference
 * library, computed with the processor's vector instructions (SSSE3, AVX2, AVX-512, chosen by {@code sodium_init})
 * where the reference library Debian ships has none — about half the time. It computes only argon2id and argon2i of
 * version 1.3 on one lane with a 16-byte salt, which is what Keycloak's defaults make; other hashes are libargon2's.
 */
final class LibSodium {

    /** crypto_pwhash_ALG_ARGON2I13 and crypto_pwhash_ALG_ARGON2ID13 of sodium/crypto_pwhash.h. */
    private static final int ALG_ARGON2I13 = 1;
    private static final int ALG_ARGON2ID13 = 2;
    /** crypto_pwhash_SALTBYTES, crypto_pwhash_BYTES_MIN, crypto_pwhash_MEMLIMIT_MIN (bytes) of libsodium 1.0.18. */
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES_MIN = 16;
    private static final int MEMORY_KIB_MIN = 8;

    interface Sodium extends Library {
        int sodium_init();

        int crypto_pwhash(byte[] out, long outLen, byte[] passwd, long passwdLen, byte[] salt, long opsLimit,
                NativeLong memLimit, int alg);
    }

    private final Sodium lib;

    private LibSodium(Sodium lib) {
        this.lib = lib;
    }

    /** The library, if this machine has it and it starts (by its development name, then by Debian's file name). */
    static Optional<LibSodium> load() {
        return NativeLibraries.load(Sodium.class, "sodium", "libsodium.so.23").filter(lib -> lib.sodium_init() >= 0)
                .map(LibSodium::new);
    }

    /** Whether libsodium computes this hash: argon2id (or argon2i from 3 passes) 1.3, one lane, a 16-byte salt. */
    static boolean computes(int type, int version, int iterations, int memoryKiB, int parallelism, int saltLength,
            int hashLength) {
        boolean typeKnown = type == LibArgon2.ARGON2_ID && iterations >= 1 || type == LibArgon2.ARGON2_I
                && iterations >= 3;
        return typeKnown && version == 0x13 && parallelism == 1 && saltLength == SALT_BYTES
                && hashLength >= HASH_BYTES_MIN && memoryKiB >= MEMORY_KIB_MIN;
    }

    /** The raw hash of the password's UTF-8 bytes; only for what {@link #computes} accepts. */
    byte[] hash(String password, byte[] salt, int type, int iterations, int memoryKiB, int hashLength) {
        byte[] pwd = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[hashLength];
        int code = lib.crypto_pwhash(out, hashLength, pwd, pwd.length, salt, iterations,
                new NativeLong(memoryKiB * 1024L), type == LibArgon2.ARGON2_ID ? ALG_ARGON2ID13 : ALG_ARGON2I13);
        Arrays.fill(pwd, (byte) 0);
        if (code != 0) {
            throw new IllegalStateException("libsodium refused the hash (out of memory, or parameters out of its "
                    + "bounds: " + iterations + " passes, " + memoryKiB + " KiB)");
        }
        return out;
    }
}
