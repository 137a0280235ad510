package fr.ent.onde.imports.publish;

/**
 * One event an import will publish for a school, with the published state it leaves behind.
 *
 * @param kind what {@code onde_published} keeps for the entity (class, staff); null for the school
 *     itself and for the marker
 * @param state the entity's payload as published from now on; null once it is no longer published. For the school's
 *     own events: its ONDE join key.
 */
record Change(String type, String subject, String payload, String kind, String schoolYear, String entityId,
        String state) {
}
