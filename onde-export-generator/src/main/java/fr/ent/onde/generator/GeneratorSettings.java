package fr.ent.onde.generator;

import fr.ent.contracts.SchoolYear;
import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param failureShare the share of pupils failing each of the five eligibility rules (ONDE-2)
 * @param partSize entries per file before the next numbered part starts
 * @param demoSchool whether the first school is the local stack's demo school ({@value #DEMO_UAI}), whose directeur,
 *     teacher, pupil and parent are the realm's demo logins (person ids {@code DEMO-DIR-1}, {@code DEMO-ENS-1},
 *     {@code DEMO-ELV-1}, {@code DEMO-RESP-1}): what {@code ./ent demo} imports
 */
public record GeneratorSettings(long seed, int pupils, String academyCode, String academyName, SchoolYear schoolYear,
        double failureShare, int partSize, boolean demoSchool) {

    /** The UAI of the demo logins' school in the local stack's realm. */
    public static final String DEMO_UAI = "0750654D";

    public static GeneratorSettings defaults(long seed, int pupils) {
        return new GeneratorSettings(seed, pupils, "17", "NANTES", SchoolYear.parse("2018-2019"), 0.01, 50_000, false);
    }

    /** The same académie for another school year. */
    public GeneratorSettings forYear(SchoolYear year) {
        return new GeneratorSettings(seed, pupils, academyCode, academyName, year, failureShare, partSize, demoSchool);
    }

    /** The same académie with the demo school first. */
    public GeneratorSettings withDemoSchool() {
        return new GeneratorSettings(seed, pupils, academyCode, academyName, schoolYear, failureShare, partSize, true);
    }

    /** The export's date: the night of the switchover, at the start of the school year. */
    LocalDate exportDate(SchoolYear year) {
        return LocalDate.of(year.startYear(), 9, 3);
    }
}
