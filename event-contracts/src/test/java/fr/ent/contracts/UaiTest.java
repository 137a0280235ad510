package fr.ent.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UaiTest {

    @Test
    void realSchoolsAreValid() {
        assertTrue(Uai.isValid("0750654D"));
        assertTrue(Uai.isValid("0752524L"));
        assertTrue(Uai.isValid("0920131T"));
    }

    @Test
    void aWrongKeyLetterIsInvalid() {
        assertFalse(Uai.isValid("0750654E"));
    }

    @Test
    void otherShapesAreInvalid() {
        assertFalse(Uai.isValid(null));
        assertFalse(Uai.isValid("075065D"));
        assertFalse(Uai.isValid("0750654d"));
        assertFalse(Uai.isValid("07506540D"));
    }

    @Test
    void constructingAnInvalidUaiSaysWhich() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Uai("1234567A"));
        assertEquals("not a valid UAI: 1234567A", error.getMessage());
    }
}
