package fr.ent.support.rest;

/** Input that a caller must fix; answered with 400 and this message, and nothing is changed. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
