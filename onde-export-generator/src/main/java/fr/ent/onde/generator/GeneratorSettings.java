package fr.ent.onde.generator;

import fr.ent.contracts.SchoolYear;
import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param failureShare the share of pupils failing each of the five eligibility rules (ONDE-2)
 * @param partSize entries per file before the next numbered part starts
 */
public record GeneratorSettings(long seed, int pupils, String academyCode, String academyName, SchoolYear schoolYear,
        double failureShare, int partSize) {

    public static GeneratorSettings defaults(long seed, int pupils) {
        return new GeneratorSettings(seed, pupils, "17", "NANTES", SchoolYear.parse("2018-2019"), 0.01, 50_000);
    }

    /** The export's date: the night of the switchover, at the start of the school year. */
    LocalDate exportDate(SchoolYear year) {
        return LocalDate.of(year.startYear(), 9, 3);
    }
}
