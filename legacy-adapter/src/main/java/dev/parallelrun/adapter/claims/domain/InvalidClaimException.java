package dev.parallelrun.adapter.claims.domain;

/** A canonical claim that cannot be expressed in the legacy wire format. */
public class InvalidClaimException extends RuntimeException {
    public InvalidClaimException(String message) {
        super(message);
    }
}
