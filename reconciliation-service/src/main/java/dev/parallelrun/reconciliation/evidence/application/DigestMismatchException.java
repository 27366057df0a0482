package dev.parallelrun.reconciliation.evidence.application;

/**
 * The digest a person signs is not the digest of the pack of that context and period recomputed now (409): the pack
 * changed since it was read (or was never this one), and nobody signs evidence that no longer holds.
 */
public class DigestMismatchException extends RuntimeException {

    DigestMismatchException() {
        // the current digest is not named: a signer reads the pack again rather than copying a digest from an error
        super("digest does not match the current pack: read the pack of this context and period again, check it, and "
                + "sign its digest");
    }
}
