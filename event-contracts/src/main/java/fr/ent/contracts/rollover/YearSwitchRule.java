package fr.ent.contracts.rollover;

import fr.ent.contracts.SchoolYear;

/**
 * What a {@code year-switched} event means to a service that keeps an académie's current school year — one rule
 * for every consumer: a switch goes from one year to the next; it advances an académie that is in its from-year,
 * changes nothing in one already in its to-year (a redelivery, or a second consumer of the same switch), and is
 * refused anywhere else.
 */
public final class YearSwitchRule {

    public enum Outcome { ADVANCE, ALREADY_APPLIED }

    private YearSwitchRule() {
    }

    /** @throws IllegalArgumentException with the reason, when the event cannot apply to an académie in {@code current} */
    public static Outcome check(YearSwitched event, SchoolYear current) {
        SchoolYear from = year(event.fromYear(), "fromYear");
        SchoolYear to = year(event.toYear(), "toYear");
        if (!from.next().equals(to)) {
            throw new IllegalArgumentException("year-switched " + event.switchoverId() + " goes from " + from + " to "
                    + to + ", not to the next year");
        }
        if (current.equals(to)) {
            return Outcome.ALREADY_APPLIED;
        }
        if (!current.equals(from)) {
            throw new IllegalArgumentException("year-switched " + event.switchoverId() + " switches académie "
                    + event.academyCode() + " from " + from + " but it is in " + current);
        }
        return Outcome.ADVANCE;
    }

    private static SchoolYear year(String text, String field) {
        try {
            return SchoolYear.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a school year");
        }
    }
}
