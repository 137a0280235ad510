package fr.ent.onde.imports.publish;

/**
 * One event an import will publish for a school, with the published state it leaves behind; or published state alone,
 * for an entity whose event carries several (responsables).
 *
 * @param type the event's type; null for state alone
 * @param payload the event's payload; null for state alone
 * @param kind what {@code onde_published} keeps for the entity (class, staff, responsable); null for the school
 *     itself and for the marker
 * @param state the entity's payload as published from now on; null once it is no longer published. For the school's
 *     own events: its ONDE join key.
 */
record Change(String type, String subject, String payload, String kind, String schoolYear, String entityId,
        String state) {

    /** The published state of an entity whose event is another change (one that carries several entities). */
    static Change stateOnly(String kind, String schoolYear, String entityId, String state) {
        return new Change(null, entityId, null, kind, schoolYear, entityId, state);
    }

    boolean event() {
        return payload != null;
    }
}
