package fr.ent.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchoolYearTest {

    @Test
    void parsesPrintsAndAdvances() {
        SchoolYear year = SchoolYear.parse("2017-2018");
        assertEquals("2017-2018", year.toString());
        assertEquals(SchoolYear.parse("2018-2019"), year.next());
        assertTrue(year.compareTo(year.next()) < 0);
    }

    @Test
    void refusesYearsThatDoNotFollowEachOther() {
        assertThrows(IllegalArgumentException.class, () -> SchoolYear.parse("2018-2020"));
        assertThrows(IllegalArgumentException.class, () -> SchoolYear.parse("2018/2019"));
        assertThrows(IllegalArgumentException.class, () -> SchoolYear.parse(null));
    }
}
