package fr.ent.contracts.identity;

import java.util.List;
import java.util.UUID;

/**
 * What identity-service publishes on {@code identity.events}: its acknowledgements (keyed by UAI) and the life of
 * accounts, a school's few hundred per event rather than one event each (an académie's first import makes hundreds of
 * thousands of accounts).
 */
public final class IdentityEvents {

    /** The most accounts one created, disabled, enabled or deleted event carries. */
    public static final int PER_EVENT = 500;

    private IdentityEvents() {
    }

    /** {@code fr.ent.identity.import-applied.v1}: the accounts of everything an import published for the school. */
    public record ImportApplied(UUID importId, String uai, String schoolYear) {
    }

    /**
     * {@code fr.ent.identity.year-switch-applied.v1}: identity-service has taken the school into {@code toYear}: the
     * accounts stay (IDN-2, IDN-3), and the pupils' and parents' connection sheets of the new year become due.
     *
     * @param pupilAccounts the school's active pupil accounts, whose sheets are due
     * @param parentAccounts the school's active parent accounts, whose sheets are due
     */
    public record YearSwitchApplied(UUID switchoverId, String uai, String fromYear, String toYear, int pupilAccounts,
            int parentAccounts) {
    }

    /** An account as the events name it: the person's ONDE join key, the login that never changes, the kind. */
    public record AccountRef(String personId, String login, String kind) {
    }

    /**
     * {@code fr.ent.identity.accounts.created.v1}: accounts given to people ONDE brought to the school, each with its
     * login for good. Key: the UAI.
     */
    public record AccountsCreated(String uai, List<AccountRef> accounts) {
    }

    /**
     * {@code fr.ent.identity.accounts.disabled.v1}: people who no longer belong (a pupil who left, a responsable with
     * no eligible child, staff who left every school): they can no longer log in, and are deleted after the retention.
     * Key: the UAI they left, or the first person id when a purge made them.
     */
    public record AccountsDisabled(String uai, List<AccountRef> accounts) {
    }

    /** {@code fr.ent.identity.accounts.enabled.v1}: disabled people who belong again, before their retention ended. */
    public record AccountsEnabled(String uai, List<AccountRef> accounts) {
    }

    /**
     * {@code fr.ent.identity.accounts.deleted.v1}: disabled accounts whose retention ended: their Keycloak user and
     * personal data are gone; the login stays reserved, never given again. Key: the first person id.
     */
    public record AccountsDeleted(List<AccountRef> accounts) {
    }
}
