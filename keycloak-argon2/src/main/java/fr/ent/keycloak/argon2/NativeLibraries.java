package fr.ent.keycloak.argon2;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Optional;

/** Native libraries through JNA, found by the first of their names this machine has. */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /** The library by its development name, then by its runtime file names; empty when none is installed. */
    static <T extends Library> Optional<T> load(Class<T> type, String... names) {
        for (String name : names) {
            try {
                return Optional.of(Native.load(name, type));
            } catch (UnsatisfiedLinkError absent) {
                // the next name
            }
        }
        return Optional.empty();
    }
}
