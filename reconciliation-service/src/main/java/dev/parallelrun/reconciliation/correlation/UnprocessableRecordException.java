package dev.parallelrun.reconciliation.correlation;

/** A record the correlation cannot process, whatever it is retried: it goes to its dead-letter topic. */
final class UnprocessableRecordException extends RuntimeException {

    UnprocessableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
