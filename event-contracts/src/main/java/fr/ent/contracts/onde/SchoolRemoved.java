package fr.ent.contracts.onde;

/**
 * {@code fr.ent.onde.school.removed.v1}: the school left ONDE; its classes, pupils, responsables and staff were
 * removed by the events before this one.
 */
public record SchoolRemoved(String uai) {
}
