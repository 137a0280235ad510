package fr.ent.contracts;

import java.util.regex.Pattern;

/**
 * A school's national id: 7 digits and a key letter, the 7 digits as a number modulo 23 mapped onto
 * {@code ABCDEFGHJKLMNPRSTUVWXYZ} (I, O and Q are not used).
 */
public record Uai(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{7}[A-Z]");
    private static final String KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ";

    public Uai {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid UAI: " + value);
        }
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || !SHAPE.matcher(candidate).matches()) {
            return false;
        }
        int key = Integer.parseInt(candidate.substring(0, 7)) % 23;
        return KEYS.charAt(key) == candidate.charAt(7);
    }

    @Override
    public String toString() {
        return value;
    }
}
