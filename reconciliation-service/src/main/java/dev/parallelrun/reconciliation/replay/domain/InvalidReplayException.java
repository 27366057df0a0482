package dev.parallelrun.reconciliation.replay.domain;

/** A replay or noise-run request that cannot be carried out as asked; nothing was started. */
public class InvalidReplayException extends RuntimeException {

    private final String member;

    /** @param member the request member at fault ({@code from}, {@code context}, ...) */
    public InvalidReplayException(String member, String message) {
        super(message);
        this.member = member;
    }

    public String member() {
        return member;
    }
}
