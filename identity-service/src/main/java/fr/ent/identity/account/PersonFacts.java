package fr.ent.identity.account;

/** What ONDE says of a person an account is for, and the school whose event said it. */
public record PersonFacts(String personId, Kind kind, String firstName, String lastName, String email, String uai) {
}
