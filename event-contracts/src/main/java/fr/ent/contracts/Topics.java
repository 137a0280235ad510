package fr.ent.contracts;

/** The suite's Kafka topics (ARCHITECTURE.md, EVENTS.md) and what keys them. */
public final class Topics {

    /** ONDE changes, keyed by school UAI: per school, a class is seen before its pupils. */
    public static final String ONDE_CHANGES = "onde.changes";
    /** Year switchovers, keyed by académie code. */
    public static final String YEAR_SWITCHED = "rollover.year-switched";
    /** Notifications to users, keyed by recipient id. */
    public static final String NOTIFICATIONS = "rollover.notifications";
    /** Each service's own events and acknowledgements, keyed by school UAI. */
    public static final String CLASS_EVENTS = "class.events";
    public static final String IDENTITY_EVENTS = "identity.events";
    public static final String CONTENT_EVENTS = "content.events";

    private Topics() {
    }
}
