package dev.parallelrun.adapter.config;

import dev.parallelrun.events.MalformedEventException;

/** The human-readable reason a record was dead-lettered: what was wrong with it, not the framework's wrapping. */
final class DeadLetterReason {

    private DeadLetterReason() {
    }

    static String of(Throwable failure) {
        Throwable mostSpecific = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedEventException) {
                return cause.getMessage();
            }
            mostSpecific = cause;
        }
        String message = mostSpecific.getMessage();
        return mostSpecific.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
