package fr.ent.identity.sheet;

import java.security.SecureRandom;

/**
 * Passwords a child can read and type: four syllables and two digits ({@code ravutoki48}), ten characters, without
 * the letters and digits that look alike (no l, 1, 0, O; lower case only) — about 30 bits from a secure random
 * source, with the realm's brute-force protection on top. They meet the realm's policy (length 10, not the username).
 */
public final class Passwords {

    private static final String CONSONANTS = "bdfgjkmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final String DIGITS = "23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String next() {
        StringBuilder password = new StringBuilder(10);
        for (int i = 0; i < 4; i++) {
            password.append(pick(CONSONANTS)).append(pick(VOWELS));
        }
        return password.append(pick(DIGITS)).append(pick(DIGITS)).toString();
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
}
