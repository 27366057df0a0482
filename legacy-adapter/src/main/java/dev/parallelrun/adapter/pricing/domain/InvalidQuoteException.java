package dev.parallelrun.adapter.pricing.domain;

/** A canonical quote request that cannot be expressed in the legacy wire format. */
public class InvalidQuoteException extends RuntimeException {
    public InvalidQuoteException(String message) {
        super(message);
    }
}
