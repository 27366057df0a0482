package dev.parallelrun.participant;

import dev.parallelrun.events.MalformedEventException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Reads a failure the way the dead-letter handling needs it: why, and whose fault. */
public final class DeadLetterReason {

    /** The longest reason written to the {@code dlq-reason} header. */
    static final int MAX_LENGTH = 1000;

    private DeadLetterReason() {
    }

    /**
     * The reason for the {@code dlq-reason} header: the message of the {@link MalformedEventException} behind the
     * failure if there is one (what is wrong with the record), else the root cause's simple class name and message.
     */
    public static String of(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MalformedEventException) {
                return truncate(t.getMessage());
            }
            root = t;
        }
        String message = root.getMessage();
        return truncate(root.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    /**
     * Whether the failure lies in the participant's own infrastructure (its database, the broker, the ingress's key
     * service) rather than in the
     * record: such an intent is retried until the infrastructure is back, however long, never dead-lettered.
     */
    public static boolean isInfrastructureFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutcomeNotPublishedException
                    || t instanceof dev.parallelrun.participant.personaldata.KeyServiceUnavailableException
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

    private static String truncate(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
