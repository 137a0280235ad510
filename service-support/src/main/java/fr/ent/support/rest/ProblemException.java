package fr.ent.support.rest;

/** A refusal with its status and, where it applies, the field in error; answered as a {@link Problem}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;

    public ProblemException(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
