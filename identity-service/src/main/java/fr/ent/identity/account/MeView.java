package fr.ent.identity.account;

import java.util.Set;

/** Who the caller is in ENT terms; {@code login} and {@code kind} are null until identity-service holds an account. */
public record MeView(String username, String personId, Set<String> roles, Set<String> uais, String login,
        Account.Kind kind) {
}
