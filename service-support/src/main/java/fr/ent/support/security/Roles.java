package fr.ent.support.security;

/** The realm roles of the {@code ent} Keycloak realm, as used in {@code @RolesAllowed}. */
public final class Roles {

    public static final String RECTORAT = "rectorat";
    public static final String DIRECTEUR = "directeur";
    public static final String ENSEIGNANT = "enseignant";
    public static final String ELEVE = "eleve";
    public static final String PARENT = "parent";
    public static final String OPERATEUR = "operateur";
    /** The suite's services asking each other (the {@code ent-services} client's service account), never a person. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
