package fr.ent.portal.gateway;

/**
 * A service answered with an error (its problem's {@code status}, {@code title} and {@code detail}), or did not answer
 * (status 503). The page shows it in French, never a stack trace.
 */
public final class ServiceException extends RuntimeException {
    private final Service service;
    private final int status;
    private final String detail;

    public ServiceException(Service service, int status, String detail) {
        super(service + " answered " + status + ": " + detail);
        this.service = service;
        this.status = status;
        this.detail = detail;
    }

    public Service service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The service's own words for what went wrong (its problem's detail), or null. */
    public String detail() {
        return detail;
    }
}
