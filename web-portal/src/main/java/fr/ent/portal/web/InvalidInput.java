package fr.ent.portal.web;

/** A form the user must complete or correct before anything is sent to a service; the message says what, in French. */
public final class InvalidInput extends RuntimeException {
    public InvalidInput(String message) {
        super(message);
    }
}
