package fr.ent.portal.gateway;

/** The services the portal calls, with the name a page gives when one of them does not answer. */
public enum Service {
    ONDE_SYNC("le service des imports ONDE"),
    CLASSES("le service des classes"),
    IDENTITY("le service des comptes"),
    CONTENT("le service des contenus"),
    ROLLOVER("le service de la bascule");

    private final String inWords;

    Service(String inWords) {
        this.inWords = inWords;
    }

    public String inWords() {
        return inWords;
    }
}
