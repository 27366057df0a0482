package dev.parallelrun.ingress.intent.application;

/**
 * The intent could not be made durable in bounded time. Nothing the ingress keeps was written, so
 * the request is safe to retry; with an idempotency key the retry carries the same event id, in case
 * the broker did take the event after all.
 */
public class IntentNotDurableException extends RuntimeException {

    public IntentNotDurableException(String message, Throwable cause) {
        super(message, cause);
    }
}
