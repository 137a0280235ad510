package fr.ent.portal.web;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Set;

/** The signed-in user as the pages show them: name, roles (from the access token), schools and académies. */
@TemplateData
public record Me(String name, Set<String> roles, List<String> schools, List<String> academies) {

    public boolean teacher() {
        return roles.contains("enseignant");
    }

    public boolean director() {
        return roles.contains("directeur");
    }

    public boolean rectorate() {
        return roles.contains("rectorat");
    }

    public boolean operator() {
        return roles.contains("operateur");
    }

    public boolean family() {
        return roles.contains("eleve") || roles.contains("parent");
    }

    public boolean parent() {
        return roles.contains("parent");
    }

    /** The first of the user's schools, the one the directeur's pages show (a directeur has one school). */
    public String school() {
        return schools.isEmpty() ? null : schools.get(0);
    }

    public String academy() {
        return academies.isEmpty() ? null : academies.get(0);
    }

    /** The roles in words, as the header says who is signed in. */
    public String rolesInWords() {
        return String.join(", ", roles.stream().sorted().map(Me::roleInWords).toList());
    }

    static String roleInWords(String role) {
        return switch (role) {
            case "enseignant" -> "enseignant·e";
            case "directeur" -> "direction d'école";
            case "rectorat" -> "rectorat";
            case "eleve" -> "élève";
            case "parent" -> "parent";
            case "operateur" -> "exploitation";
            default -> role;
        };
    }
}
