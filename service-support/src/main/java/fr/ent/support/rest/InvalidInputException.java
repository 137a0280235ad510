package fr.ent.support.rest;

/** Input that a caller must fix; answered with 400 and this message, and nothing is changed. */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(String message) {
        super(400, null, message);
    }

    public InvalidInputException(String field, String message) {
        super(400, field, message);
    }
}
