package fr.ent.support.messaging;

/** A record that is not an event of the suite: it goes to the dead-letter topic with this message as reason. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
