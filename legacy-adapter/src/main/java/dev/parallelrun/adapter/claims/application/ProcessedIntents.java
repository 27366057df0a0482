package dev.parallelrun.adapter.claims.application;

import dev.parallelrun.events.CloudEvent;
import java.util.List;
import java.util.Optional;

/**
 * The intents the adapter has sent to legacy, with the request key it used and, once decided, the outcome events
 * it published for each.
 */
public interface ProcessedIntents {

    /** The outcome events stored for an intent, if it was decided before. */
    Optional<List<CloudEvent>> outcomesOf(String intentEventId);

    /**
     * Records, durably and before legacy is called, that the intent is about to be sent to legacy, and answers the
     * legacy request key to send: the one recorded by the intent's first attempt. So every retry and every
     * redelivery, after a crash between the call and {@link #storeFirst}, calls legacy with the same key, and
     * legacy's idempotency on that key keeps it from processing the claim twice.
     */
    String recordAttempt(String intentEventId, String correlationId, String legacyRequestKey);

    /**
     * Stores the outcome events of an intent unless some are stored already, and answers the stored
     * ones: the given events, or the first writer's when another delivery stored them first.
     */
    List<CloudEvent> storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes);
}
