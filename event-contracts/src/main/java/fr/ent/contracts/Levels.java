package fr.ent.contracts;

import java.util.List;

/** The levels of a French primary school, in school order: the vocabulary of every {@code levels} field. */
public final class Levels {

    public static final List<String> IN_SCHOOL_ORDER = List.of("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2");

    private Levels() {
    }
}
