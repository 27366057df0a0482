package dev.parallelrun.participant.personaldata;

/**
 * The key service did not answer with a key or with "erased": the intent cannot be decrypted now. An infrastructure
 * failure: the intent is retried with the back-off until the service answers, never dead-lettered.
 */
public class KeyServiceUnavailableException extends RuntimeException {

    public KeyServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
