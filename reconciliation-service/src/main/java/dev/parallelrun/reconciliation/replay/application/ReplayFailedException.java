package dev.parallelrun.reconciliation.replay.application;

/**
 * A replay that cannot go on whatever is retried (the intents of its range are no longer in the topic, the topic is
 * gone): it ends {@code FAILED} with this message.
 */
public class ReplayFailedException extends RuntimeException {

    public ReplayFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
