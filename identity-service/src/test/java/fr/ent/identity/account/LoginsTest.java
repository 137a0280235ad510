package fr.ent.identity.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoginsTest {

    @Test
    void firstNameDotLastNameInLowerCase() {
        assertEquals("lea.martin", Logins.base("Léa", "MARTIN"));
    }

    @Test
    void accentsAndLigaturesAreFolded() {
        assertEquals("elodie.lefevre", Logins.base("Élodie", "Lefèvre"));
        assertEquals("francois.caron", Logins.base("François", "Çaron"));
        assertEquals("noel.loeuvre", Logins.base("Noël", "L'Œuvre"));
        assertEquals("laetitia.muller", Logins.base("Lætitia", "Müller"));
    }

    @Test
    void compoundNamesKeepOneHyphenBetweenTheirParts() {
        assertEquals("jean-pierre.de-la-fontaine", Logins.base("Jean-Pierre", "de La Fontaine"));
        assertEquals("jean-pierre.dupont", Logins.base("Jean Pierre", "Dupont"));
        assertEquals("marie-anne.dupont", Logins.base("  Marie -- Anne ", "Dupont "));
    }

    @Test
    void apostrophesDisappear() {
        assertEquals("aissatou.ndiaye", Logins.base("Aïssatou", "N'Diaye"));
        assertEquals("lucas.dangelo", Logins.base("Lucas", "D’Angelo"));
    }

    @Test
    void digitsAndOtherSignsAreLeftOutSoThatAHomonymsNumberNeverMeetsAName() {
        assertEquals("louis.martin", Logins.base("Louis 14", "Martin (2)"));
        assertEquals("louis.martin2", Logins.numbered(Logins.base("Louis", "Martin"), 2));
        assertEquals("louis.martin", Logins.numbered("louis.martin", 1));
    }

    @Test
    void aPersonWithoutAFirstNameIsTheirLastNameAloneAndANamelessOneStillGetsALogin() {
        assertEquals("aide-sociale-a-lenfance", Logins.base(null, "Aide sociale à l'enfance"));
        assertEquals("utilisateur", Logins.base("", "123"));
        assertEquals("zoe", Logins.base("Zoé", null));
    }

    @Test
    void longNamesAreCutWithoutATrailingSeparator() {
        String base = Logins.base("Marie-Christine-Anne-Sophie", "de Saint-Exupéry de la Tour du Pin Chambly");
        assertTrue(base.length() <= Logins.MAX_BASE, base);
        assertTrue(base.matches("[a-z]([a-z.-]*[a-z])?"), base);
        assertEquals("marie-christine.de-saint-exupery-de-la", base);
    }

    @Test
    void theOnePassFoldingGivesWhatTheRuleAsFirstWrittenGaveForEveryLatinCharacterAndMixedNames() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x0250; c++) {
            assertEquals(rule(String.valueOf(c), "x"), Logins.base(String.valueOf(c), "x"), "U+" + Integer.toHexString(c));
            every.append(c);
        }
        for (char c : "\u0301\u0308\u1e9e\u212a\u212b\u2010\u2011\u2019\u02bc\ufb01\u0130\u03a3".toCharArray()) {
            assertEquals(rule("a" + c + "b", "x"), Logins.base("a" + c + "b", "x"), "U+" + Integer.toHexString(c));
            every.append(c);
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // short enough that no base is cut (a ligature spelt out doubles a letter): the folding alone is compared
            String first = pick(random, every, 1 + random.nextInt(8));
            String last = pick(random, every, random.nextInt(12));
            assertEquals(rule(first, last), Logins.base(first, last), first + " / " + last);
        }
    }

    private static String pick(Random random, CharSequence from, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(3) == 0 ? from.charAt(random.nextInt(from.length())) : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    /** The rule as first written, for names too short to be cut: replacements, NFD, marks removed, one pass. */
    private static String rule(String firstName, String lastName) {
        String first = referencePart(firstName);
        String last = referencePart(lastName);
        String base = first.isEmpty() ? last : last.isEmpty() ? first : first + "." + last;
        return base.isEmpty() ? "utilisateur" : base;
    }

    private static String referencePart(String name) {
        if (name == null) {
            return "";
        }
        String spelt = name.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
                .replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("đ", "d").replace("Đ", "d")
                .replace("ł", "l").replace("Ł", "l");
        String folded = Normalizer.normalize(spelt, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        boolean pendingHyphen = false;
        for (char c : folded.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                if (pendingHyphen && out.length() > 0) {
                    out.append('-');
                }
                pendingHyphen = false;
                out.append(c);
            } else if (c == ' ' || c == '-' || c == '\u2010' || c == '\u2011' || c == '\u00a0' || c == '\t') {
                pendingHyphen = true;
            }
        }
        return out.toString();
    }
}
