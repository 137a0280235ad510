package fr.ent.onde.eligibility;

import java.util.List;

/**
 * What the eligibility rules need to know of a pupil, as the export states it.
 *
 * @param admissionStatus {@code ENTEleveStatutAdmission}: ADMIS_DEFINITIVEMENT, ADMIS_PROVISOIREMENT, INSCRIT, RADIE
 * @param classIds the ONDE ids of the pupil's classes ({@code ENTPersonClasses})
 * @param schoolYear {@code ENTEleveAnneeScolaire}, e.g. 2018-2019
 * @param responsablesWithAuthority the responsables of {@code ENTEleveAutoriteParentale} that the export contains
 */
public record PupilFacts(String ine, String admissionStatus, List<String> classIds, String schoolYear,
        List<String> responsablesWithAuthority) {
}
