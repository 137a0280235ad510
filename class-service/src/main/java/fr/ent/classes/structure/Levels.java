package fr.ent.classes.structure;

import fr.ent.support.rest.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** The levels of a primary school, in school order. */
public final class Levels {

    public static final List<String> ALL = fr.ent.contracts.Levels.IN_SCHOOL_ORDER;

    private Levels() {
    }

    /** Checks a configured list of levels: at least one, each known, none twice; returns them in school order. */
    public static List<String> check(List<String> levels) {
        if (levels == null || levels.isEmpty()) {
            throw new InvalidInputException("levels", "a class needs at least one level (" + String.join(" ", ALL) + ")");
        }
        List<String> ordered = new ArrayList<>();
        for (String level : ALL) {
            if (levels.contains(level)) {
                ordered.add(level);
            }
        }
        for (String level : levels) {
            if (!ALL.contains(level)) {
                throw new InvalidInputException("levels", "'" + level + "' is not one of " + String.join(" ", ALL));
            }
        }
        if (ordered.size() != levels.size()) {
            throw new InvalidInputException("levels", "a level is given twice");
        }
        return ordered;
    }
}
