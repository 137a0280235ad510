package fr.ent.keycloak.argon2;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The reference argon2 library (libargon2, Debian's {@code libargon2-1}) through JNA: one function, the raw hash.
 * {@code size_t} is passed as a C {@code long}, its size on Linux.
 */
final class LibArgon2 {

    /** argon2_type of argon2.h. */
    static final int ARGON2_D = 0;
    static final int ARGON2_I = 1;
    static final int ARGON2_ID = 2;

    interface Native2 extends Library {
        int argon2_hash(int tCost, int mCost, int parallelism, byte[] pwd, NativeLong pwdLen, byte[] salt,
                NativeLong saltLen, byte[] hash, NativeLong hashLen, byte[] encoded, NativeLong encodedLen, int type,
                int version);

        String argon2_error_message(int code);
    }

    private final Native2 lib;

    private LibArgon2(Native2 lib) {
        this.lib = lib;
    }

    /** The library, if this machine has it (by its development name, then by Debian's runtime file name). */
    static Optional<LibArgon2> load() {
        return NativeLibraries.load(Native2.class, "argon2", "libargon2.so.1").map(LibArgon2::new);
    }

    /** The raw hash of the password (its UTF-8 bytes, as BouncyCastle's generator takes a char[]). */
    byte[] hash(String password, byte[] salt, int type, int version, int iterations, int memoryKiB, int parallelism,
            int hashLength) {
        byte[] pwd = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[hashLength];
        int code = lib.argon2_hash(iterations, memoryKiB, parallelism, pwd, new NativeLong(pwd.length), salt,
                new NativeLong(salt.length), out, new NativeLong(hashLength), null, new NativeLong(0), type, version);
        Arrays.fill(pwd, (byte) 0);
        if (code != 0) {
            throw new IllegalStateException("libargon2 refused the hash: " + lib.argon2_error_message(code));
        }
        return out;
    }
}
