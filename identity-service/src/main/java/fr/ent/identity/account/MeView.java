package fr.ent.identity.account;

import java.util.Set;

/** Who the caller is in ENT terms; {@code login}, {@code kind} and {@code state} are null until identity-service holds
 * an account for them (demo and rectorate users are the realm's own). */
public record MeView(String username, String personId, Set<String> roles, Set<String> uais, String login, Kind kind,
        State state) {
}
