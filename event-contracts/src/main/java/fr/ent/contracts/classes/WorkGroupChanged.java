package fr.ent.contracts.classes;

import java.util.List;

/**
 * {@code fr.ent.class.work-group.v1} on {@code class.events}, keyed by UAI: a work group of a school's year as it is
 * now (CLS-4) — event-carried state, published when it is made, when its members change and when the switchover of
 * its year ends it. A consumer replaces what it knew of the group by this.
 *
 * @param pupils the pupils in the group (ONDE pupil ids)
 * @param teachers the teachers in the group (ONDE staff ids), its creator among them
 * @param ended true once the switchover of its school year ended it
 */
public record WorkGroupChanged(String groupId, String uai, String schoolYear, String name, List<String> pupils,
        List<String> teachers, boolean ended) {
}
