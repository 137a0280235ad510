package fr.ent.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.rollover.YearSwitchRule;
import fr.ent.contracts.rollover.YearSwitchRule.Outcome;
import fr.ent.contracts.rollover.YearSwitched;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class YearSwitchRuleTest {

    private static final SchoolYear Y2018 = SchoolYear.parse("2018-2019");

    @Test
    void aSwitchFromTheCurrentYearAdvancesAndTheSameSwitchAgainChangesNothing() {
        assertEquals(Outcome.ADVANCE, YearSwitchRule.check(switched("2018-2019", "2019-2020"), Y2018));
        assertEquals(Outcome.ALREADY_APPLIED, YearSwitchRule.check(switched("2018-2019", "2019-2020"), Y2018.next()));
    }

    @Test
    void aSwitchFromAnotherYearOrOverAYearOrUnreadableIsRefusedWithItsReason() {
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> YearSwitchRule.check(switched("2017-2018", "2018-2019"), Y2018.next()));
        assertTrue(past.getMessage().contains("from 2017-2018 but it is in 2019-2020"), past.getMessage());
        IllegalArgumentException jump = assertThrows(IllegalArgumentException.class,
                () -> YearSwitchRule.check(switched("2018-2019", "2020-2021"), Y2018));
        assertTrue(jump.getMessage().contains("not to the next year"), jump.getMessage());
        IllegalArgumentException garbled = assertThrows(IllegalArgumentException.class,
                () -> YearSwitchRule.check(switched("2018", "2019-2020"), Y2018));
        assertTrue(garbled.getMessage().contains("fromYear: '2018' is not a school year"), garbled.getMessage());
    }

    private static YearSwitched switched(String from, String to) {
        return new YearSwitched(UUID.randomUUID(), "17", from, to, Instant.parse("2019-09-03T22:00:00Z"));
    }
}
