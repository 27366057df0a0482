package dev.parallelrun.adapter.claims.domain;

/** A legacy answer outside the known wire format: unknown status, malformed amount, another claim. */
public class UnreadableLegacyAnswerException extends RuntimeException {
    public UnreadableLegacyAnswerException(String message) {
        super(message);
    }
}
