package dev.parallelrun.claims.application;

import dev.parallelrun.events.CloudEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the log of intents already decided, with the outcomes published for each. */
public interface ProcessedIntentStore {

    /**
     * Records that an intent was decided, in the caller's transaction, unless it already was.
     *
     * @return {@code true} if this call recorded it; {@code false} if it had been recorded before (by
     *         an earlier delivery, or a concurrent one that committed first)
     */
    boolean recordFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes, Instant processedAt);

    /** The outcomes stored for an intent, exactly as they were first published. */
    Optional<List<CloudEvent>> outcomesOf(String intentEventId);
}
