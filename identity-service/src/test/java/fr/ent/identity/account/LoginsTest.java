package fr.ent.identity.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
