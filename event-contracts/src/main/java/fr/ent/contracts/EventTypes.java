package fr.ent.contracts;

/**
 * The CloudEvents types of the suite's events ({@code ce_type}). A breaking change of a payload gets a new
 * version suffix; each type has its JSON Schema at {@link #schemaPath(String)}.
 */
public final class EventTypes {

    public static final String ONDE_SCHOOL_UPSERTED = "fr.ent.onde.school.upserted.v1";
    public static final String ROLLOVER_YEAR_SWITCHED = "fr.ent.rollover.year-switched.v1";

    private EventTypes() {
    }

    /** Where the JSON Schema of a type is on the class path. */
    public static String schemaPath(String type) {
        return "schemas/" + type + ".json";
    }
}
