package dev.parallelrun.reconciliation.cases.application;

/** A transition asked for on a version of the case that is no longer current (answered 412). */
public class StaleCaseException extends RuntimeException {

    private final long currentVersion;

    public StaleCaseException(String caseId, long expected, long currentVersion) {
        super("case " + caseId + " is at version " + currentVersion + ", not " + expected
                + ": read it again and decide on what it says now");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
