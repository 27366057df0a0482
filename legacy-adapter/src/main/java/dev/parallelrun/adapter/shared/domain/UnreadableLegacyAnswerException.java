package dev.parallelrun.adapter.shared.domain;

/** A legacy answer outside the known wire format: unknown status, malformed amount, another claim or quote. */
public class UnreadableLegacyAnswerException extends RuntimeException {
    public UnreadableLegacyAnswerException(String message) {
        super(message);
    }
}
