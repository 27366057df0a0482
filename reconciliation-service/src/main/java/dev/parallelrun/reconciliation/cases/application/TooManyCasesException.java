package dev.parallelrun.reconciliation.cases.application;

/** A bulk transition whose filter matches more cases than its cap (answered 422; a dry run reports instead). */
public class TooManyCasesException extends RuntimeException {

    private final long matched;

    public TooManyCasesException(long matched, int max) {
        super(matched + " cases match, more than max " + max + ": narrow the filter or raise max after a dry run");
        this.matched = matched;
    }

    public long matched() {
        return matched;
    }
}
