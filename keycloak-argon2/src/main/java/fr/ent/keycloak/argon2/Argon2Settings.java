package fr.ent.keycloak.argon2;

/** The argon2 parameters new passwords are hashed with; Keycloak's defaults unless configured. */
record Argon2Settings(String type, String version, int hashLength, int memory, int iterations, int parallelism) {

    static final Argon2Settings KEYCLOAK_DEFAULTS = new Argon2Settings("id", "1.3", 32, 7168, 5, 1);
}
