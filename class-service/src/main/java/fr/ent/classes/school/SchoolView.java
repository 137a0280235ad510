package fr.ent.classes.school;

public record SchoolView(String uai, String name, String academyCode, String town, boolean departmental) {

    static SchoolView of(School school) {
        return new SchoolView(school.uai, school.name, school.academyCode, school.town, school.departmental);
    }
}
