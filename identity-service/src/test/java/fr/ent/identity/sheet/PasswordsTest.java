package fr.ent.identity.sheet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void tenCharactersWithoutLookAlikesAndDifferentEachTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String password = Passwords.next();
            assertTrue(password.matches("([bdfgjkmnprstvz][aeiou]){4}[2-9]{2}"), password);
            seen.add(password);
        }
        assertTrue(seen.size() > 9_990, "random passwords repeat: " + (10_000 - seen.size()) + " in 10,000");
    }
}
