package dev.parallelrun.ingress.intent.application;

import java.time.Instant;

/**
 * Which intent each correlation id belongs to. A correlation id names one business transaction:
 * reconciliation pairs every outcome carrying it, so two intents sharing one (from any channels) would
 * make one claim's evidence vanish as "duplicates" or pair one claim's legacy answer with the other's.
 */
public interface CorrelationClaims {

    /**
     * Claims the correlation id for the event unless it is claimed already. Inside a transaction, a
     * concurrent claim of the same id waits until the other transaction ends (the unique constraint
     * decides, not a read before the write).
     *
     * @return the id of the event that holds the claim: {@code eventId} when this call claimed it or the
     *         same event claimed it before (a retry), another event's id when the correlation id is taken
     */
    String claim(String correlationId, String eventId, String channel, Instant at);

    /** Forgets the claims made before the instant; answers how many. */
    int deleteClaimedBefore(Instant instant);
}
