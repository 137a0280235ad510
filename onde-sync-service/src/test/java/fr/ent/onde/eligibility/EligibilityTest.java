package fr.ent.onde.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.SchoolYear;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EligibilityTest {

    private static final SchoolYear CURRENT = SchoolYear.parse("2018-2019");
    private static final PupilFacts ELIGIBLE = new PupilFacts("123456789AB", "ADMIS_DEFINITIVEMENT", List.of("C1"),
            "2018-2019", List.of("R1"));

    @Test
    void aPupilMeetingAllFiveRulesIsImported() {
        assertEquals(Set.of(), Eligibility.rejections(ELIGIBLE, CURRENT));
    }

    @Test
    void rule1TheIneMustBeFilledAndValid() {
        assertEquals(Set.of(RejectionReason.INE_MISSING), Eligibility.rejections(withIne(""), CURRENT));
        assertEquals(Set.of(RejectionReason.INE_MISSING), Eligibility.rejections(withIne(null), CURRENT));
        assertEquals(Set.of(RejectionReason.INE_INVALID), Eligibility.rejections(withIne("12345678AB"), CURRENT));
    }

    @Test
    void bothOfficialIneShapesAndNothingElse() {
        assertTrue(Ine.isValid("123456789AB"));
        assertTrue(Ine.isValid("123456789JK"));
        assertTrue(Ine.isValid("1234567890Z"));
        assertFalse(Ine.isValid("123456789AI"), "RNIE letters stop at K and skip I");
        assertFalse(Ine.isValid("123456789AL"));
        assertFalse(Ine.isValid("1234567890O"), "BEA skips O");
        assertFalse(Ine.isValid("1234567890Q"), "BEA skips Q");
        assertFalse(Ine.isValid("123456789ab"));
        assertFalse(Ine.isValid("123456789AB "));
    }

    @Test
    void rule2OnlyDefinitiveAdmission() {
        for (String status : List.of("ADMIS_PROVISOIREMENT", "INSCRIT", "RADIE")) {
            PupilFacts pupil = new PupilFacts(ELIGIBLE.ine(), status, ELIGIBLE.classIds(), ELIGIBLE.schoolYear(),
                    ELIGIBLE.responsablesWithAuthority());
            assertEquals(Set.of(RejectionReason.NOT_ADMITTED_DEFINITIVELY), Eligibility.rejections(pupil, CURRENT), status);
        }
    }

    @Test
    void rule3AssignedToAClass() {
        PupilFacts pupil = new PupilFacts(ELIGIBLE.ine(), ELIGIBLE.admissionStatus(), List.of(), ELIGIBLE.schoolYear(),
                ELIGIBLE.responsablesWithAuthority());
        assertEquals(Set.of(RejectionReason.NO_CLASS), Eligibility.rejections(pupil, CURRENT));
    }

    @Test
    void rule4TheAcademysCurrentYearNotTheCalendar() {
        PupilFacts nextYear = new PupilFacts(ELIGIBLE.ine(), ELIGIBLE.admissionStatus(), ELIGIBLE.classIds(),
                "2019-2020", ELIGIBLE.responsablesWithAuthority());
        assertEquals(Set.of(RejectionReason.NOT_CURRENT_SCHOOL_YEAR), Eligibility.rejections(nextYear, CURRENT));
        assertEquals(Set.of(), Eligibility.rejections(nextYear, CURRENT.next()));
    }

    @Test
    void rule5AResponsableHoldingParentalAuthority() {
        PupilFacts pupil = new PupilFacts(ELIGIBLE.ine(), ELIGIBLE.admissionStatus(), ELIGIBLE.classIds(),
                ELIGIBLE.schoolYear(), List.of());
        assertEquals(Set.of(RejectionReason.NO_PARENTAL_AUTHORITY), Eligibility.rejections(pupil, CURRENT));
    }

    @Test
    void aPupilFailingSeveralRulesGetsEveryReason() {
        PupilFacts pupil = new PupilFacts("", "INSCRIT", List.of(), "2017-2018", List.of());
        assertEquals(EnumSet.allOf(RejectionReason.class).stream()
                        .filter(r -> r != RejectionReason.INE_INVALID).collect(java.util.stream.Collectors.toSet()),
                Eligibility.rejections(pupil, CURRENT));
    }

    private static PupilFacts withIne(String ine) {
        return new PupilFacts(ine, ELIGIBLE.admissionStatus(), ELIGIBLE.classIds(), ELIGIBLE.schoolYear(),
                ELIGIBLE.responsablesWithAuthority());
    }
}
