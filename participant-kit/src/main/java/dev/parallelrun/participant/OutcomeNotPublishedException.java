package dev.parallelrun.participant;

/**
 * The broker did not acknowledge an outcome. The intent must be redelivered (its stored outcomes are then published
 * again), never dead-lettered: the intent is not at fault.
 */
public class OutcomeNotPublishedException extends RuntimeException {

    public OutcomeNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
