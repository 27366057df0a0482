package dev.parallelrun.reconciliation.web;

/**
 * Something the API was asked for does not exist: answered 404 with the problem title the subclass names.
 * The shared API plumbing knows this type only, so that it depends on no capability's web package.
 */
public abstract class ResourceNotFoundException extends RuntimeException {

    private final String title;

    protected ResourceNotFoundException(String title, String message) {
        super(message);
        this.title = title;
    }

    /** The problem's title, e.g. {@code "No verdict"}. */
    public String title() {
        return title;
    }
}
