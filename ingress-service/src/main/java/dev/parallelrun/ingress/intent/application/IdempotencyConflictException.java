package dev.parallelrun.ingress.intent.application;

/** An idempotency key was reused for a different request. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String idempotencyKey) {
        super("Idempotency-Key '" + idempotencyKey + "' was already used for a different request");
    }
}
