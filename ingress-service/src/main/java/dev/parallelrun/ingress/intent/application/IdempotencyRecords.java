package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import java.time.Instant;
import java.util.Optional;

/** Storage of idempotency records, keyed by (channel, idempotency key). */
public interface IdempotencyRecords {

    /**
     * Inserts the record unless one with its key exists and, when it inserted it, claims the record's correlation id
     * for the record's event, as {@link CorrelationClaims#claim} would (channel and instant: the record's), in one
     * round trip to the database. Inside a transaction, a concurrent insert of the same key, and a concurrent claim
     * of the same correlation id, block until the other transaction ends.
     *
     * @return empty when a record with the key exists (nothing is written); otherwise the id of the event that holds
     *         the correlation id: the record's event id when this call claimed it or the same event claimed it
     *         before, another event's id when the correlation id is taken (the caller then rolls back)
     */
    Optional<String> insertIfAbsentAndClaim(IdempotencyRecord record);

    Optional<IdempotencyRecord> find(String channel, String idempotencyKey);

    /** Deletes the records created before the instant; answers how many. */
    int deleteCreatedBefore(Instant instant);
}
