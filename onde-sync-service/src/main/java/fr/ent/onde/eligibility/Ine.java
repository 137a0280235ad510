package fr.ent.onde.eligibility;

import java.util.regex.Pattern;

/**
 * The national pupil id. Only its two official shapes are valid: RNIE (9 digits, 2 letters from A–H, J, K) and
 * BEA (10 digits and a letter, I, O and Q excluded).
 */
public final class Ine {

    private static final Pattern RNIE = Pattern.compile("[0-9]{9}[A-HJK]{2}");
    private static final Pattern BEA = Pattern.compile("[0-9]{10}[A-HJ-NPR-Z]");

    private Ine() {
    }

    public static boolean isValid(String ine) {
        return ine != null && (RNIE.matcher(ine).matches() || BEA.matcher(ine).matches());
    }
}
