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

    private static String part(String name) {
        if (name == null) {
            return "";
        }
        String spelt = name.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
                .replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("đ", "d").replace("Đ", "d")
                .replace("ł", "l").replace("Ł", "l");
        String folded = Normalizer.normalize(spelt, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingHyphen = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (pendingHyphen && out.length() > 0) {
                    out.append('-');
                }
                pendingHyphen = false;
                out.append(c);
            } else if (c == ' ' || c == '-' || c == '\u2010' || c == '\u2011' || c == '\u00a0' || c == '\t') {
                pendingHyphen = true;
            }
            // apostrophes (' ’ ʼ) and every other sign: left out, without a separator
        }
        return out.toString();
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
