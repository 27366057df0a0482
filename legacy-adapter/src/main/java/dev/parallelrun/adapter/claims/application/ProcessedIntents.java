package dev.parallelrun.adapter.claims.application;

import dev.parallelrun.events.CloudEvent;
import java.util.List;
import java.util.Optional;

/** The intents the adapter has processed, with the outcome events it published for each. */
public interface ProcessedIntents {

    /** The outcome events stored for an intent, if it was processed before. */
    Optional<List<CloudEvent>> outcomesOf(String intentEventId);

    /**
     * Stores the outcome events of an intent unless some are stored already, and answers the stored
     * ones: the given events, or the first writer's when another delivery stored them first.
     */
    List<CloudEvent> storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes);
}
