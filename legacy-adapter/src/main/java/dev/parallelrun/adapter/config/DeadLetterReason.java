package dev.parallelrun.adapter.config;

import dev.parallelrun.adapter.claims.application.OutcomeNotPublishedException;
import dev.parallelrun.events.MalformedEventException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Reads a failure the way the dead-letter handling needs it: why, and whose fault. */
final class DeadLetterReason {

    private DeadLetterReason() {
    }

    /** The human-readable reason a record was dead-lettered: what was wrong with it, not the framework's wrapping. */
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

    /**
     * Whether the failure lies in the adapter's own infrastructure (its database, the broker) rather than in the
     * record: such an intent is retried until the infrastructure is back, however long, never dead-lettered. (A
     * technical failure of legacy is not one of them: it ends in a {@code failed} outcome after bounded retries.)
     */
    static boolean isInfrastructureFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutcomeNotPublishedException
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
