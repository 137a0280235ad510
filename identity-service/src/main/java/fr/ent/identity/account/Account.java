package fr.ent.identity.account;

import java.time.Instant;
import java.util.List;

/** The ENT account of one person, known by their ONDE join key, with the login it keeps for good. */
public record Account(String personId, String login, Kind kind, String firstName, String lastName, String email,
        State state, List<String> roles, List<String> uais, String keycloakId, long version, Instant credentialAt) {
}
