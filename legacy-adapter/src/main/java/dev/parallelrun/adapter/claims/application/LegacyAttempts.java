package dev.parallelrun.adapter.claims.application;

/**
 * The intents the adapter has sent to legacy, with the request key it used. Kept on the participant kit's
 * processed-intent log, which then receives the intent's outcomes.
 */
public interface LegacyAttempts {

    /**
     * Records, durably and before legacy is called, that the intent is about to be sent to legacy, and answers the
     * legacy request key to send: the one recorded by the intent's first attempt. So every retry and every
     * redelivery, after a crash between the call and the stored outcomes, calls legacy with the same key, and
     * legacy's idempotency on that key keeps it from processing the claim twice.
     */
    String recordAttempt(String intentEventId, String correlationId, String legacyRequestKey);
}
