package fr.ent.identity.account;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The login rule (IDN-2, IDN-3): {@code prenom.nom}, lower-case ASCII. Accents are folded (Élodie → elodie), ligatures
 * spelt out (Œ → oe), a space or a hyphen inside a name becomes one hyphen (Jean Pierre, Jean-Pierre → jean-pierre),
 * an apostrophe disappears (N'Diaye → ndiaye), anything else that is not a letter is left out — digits too, so that
 * the number a homonym gets ({@code jean.martin2}) never meets a name. A person without a first name is their last
 * name alone. The base is at most {@link #MAX_BASE} characters; {@link LoginCounters} adds the homonyms' numbers.
 */
public final class Logins {

    public static final int MAX_BASE = 40;
    private static final int MAX_FIRST = 16;
    /** The base of a person ONDE gives no usable name: it still gets a login. */
    static final String NAMELESS = "utilisateur";

    private Logins() {
    }

    public static String base(String firstName, String lastName) {
        String first = part(firstName);
        String last = part(lastName);
        first = cut(first, MAX_FIRST);
        String base = cut(first.isEmpty() ? last : last.isEmpty() ? first : first + "." + last, MAX_BASE);
        return base.isEmpty() ? NAMELESS : base;
    }

    /** The login of the n-th person (from 1) with this base. */
    public static String numbered(String base, int n) {
        return n == 1 ? base : base + n;
    }

    /**
     * One pass over the name (it ran for each of an académie's half-million accounts: eleven replacements, the whole
     * name decomposed, then a regular expression, each a copy of it): a separator is remembered, any other character
     * stands for the letters a–z {@link #fold} gives it (none for a digit or a sign).
     */
    private static String part(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean pendingHyphen = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '-' || c == '\u2010' || c == '\u2011' || c == '\u00a0' || c == '\t') {
                pendingHyphen = true;
                continue;
            }
            String letters = c < LATIN.length ? LATIN[c] : fold(c);
            if (letters.isEmpty()) {
                continue; // apostrophes, digits and every other sign: left out, without a separator
            }
            if (pendingHyphen && out.length() > 0) {
                out.append('-');
            }
            pendingHyphen = false;
            if (letters.length() == 1) {
                out.append(letters.charAt(0)); // most letters: a char appended costs half a String under C1
            } else {
                out.append(letters);
            }
        }
        return out.toString();
    }

    /** {@link #fold} of ASCII and the Latin letters (up to U+024F), worked out once. */
    private static final String[] LATIN = new String[0x250];

    static {
        for (char c = 0; c < LATIN.length; c++) {
            LATIN[c] = fold(c);
        }
    }

    /** The letters a–z a character stands for, in lower case: a ligature spelt out, else its base letters (NFD). */
    private static String fold(char c) {
        String spelt = switch (c) {
            case 'œ', 'Œ' -> "oe";
            case 'æ', 'Æ' -> "ae";
            case 'ß' -> "ss";
            case 'ø', 'Ø' -> "o";
            case 'đ', 'Đ' -> "d";
            case 'ł', 'Ł' -> "l";
            default -> null;
        };
        if (spelt != null) {
            return spelt;
        }
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder letters = new StringBuilder(1);
        for (int i = 0; i < decomposed.length(); i++) {
            char d = decomposed.charAt(i);
            if (d >= 'a' && d <= 'z') {
                letters.append(d);
            }
        }
        return letters.toString();
    }

    /** At most {@code max} characters, cut between two parts of a name rather than inside one where it can. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        String cut = s.substring(0, max);
        int hyphen = cut.lastIndexOf('-');
        if (Character.isLetter(s.charAt(max)) && hyphen > cut.lastIndexOf('.') + 1) {
            cut = cut.substring(0, hyphen);
        }
        return trim(cut);
    }

    private static String trim(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '-' || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(0, end);
    }
}
