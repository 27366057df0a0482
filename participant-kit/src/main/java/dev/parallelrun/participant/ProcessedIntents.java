package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import java.util.List;
import java.util.Optional;

/** The log of intents already decided, with the outcome events published for each. */
public interface ProcessedIntents {

    /** The outcome events stored for an intent, exactly as first published, if it was decided before. */
    Optional<List<CloudEvent>> outcomesOf(String intentEventId);

    /**
     * Stores the outcome events of an intent, in the caller's transaction, unless some are stored already.
     *
     * @return {@code true} if this call stored them; {@code false} if an earlier or concurrent delivery did
     */
    boolean storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes);
}
