package fr.ent.content.retention;

/** The ENT's applications, as named in the switchover notice (SPEC §4). */
public enum Application {
    MESSAGERIE, PROFIL, MEDIATHEQUE, MINISITE, BLOG, CONCOURS_SCOLAIRE, CAHIER_DE_TEXTES, CAHIER_DE_LIAISON,
    AGENDA, GPS, MOTEUR_DE_RECHERCHE, PORTAIL_DE_LA_COMMUNE
}
