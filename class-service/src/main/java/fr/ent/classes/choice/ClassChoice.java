package fr.ent.classes.choice;

import fr.ent.support.validation.ValidUai;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import fr.ent.classes.structure.ClassView;
import java.util.List;

/**
 * What a teacher sees at their first connection of the year (CLS-2): each of their schools' classes of the current
 * school year, and the classes they already chose.
 */
public record ClassChoice(List<SchoolClasses> schools, List<ClassView> chosen) {

    public record SchoolClasses(String uai, String name, String schoolYear, List<ClassView> classes) {
    }

    /** {@code POST /api/me/classes}: one school, one or several of its classes. */
    public record Request(@NotNull @ValidUai String uai,
            @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 64) String> classIds) {
    }
}
