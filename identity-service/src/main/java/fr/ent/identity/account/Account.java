package fr.ent.identity.account;

import java.time.Instant;
import java.util.List;

/** The ENT account of one person, known by their ONDE join key, with the login it keeps for good. */
public record Account(String personId, String login, Kind kind, String firstName, String lastName, String email,
        State state, List<String> roles, List<String> uais, String keycloakId, long version, Instant credentialAt) {

    /** Whether Keycloak holds a user for it, or must: staff with an ENT role always, pupils and parents once given a
     * password. */
    public boolean inKeycloak() {
        return keycloakId != null || (kind == Kind.STAFF && !roles.isEmpty());
    }
}
