package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import java.time.Instant;
import java.util.Optional;

/** Storage of idempotency records, keyed by (channel, idempotency key). */
public interface IdempotencyRecords {

    /**
     * Inserts the record unless one with its key exists. Inside a transaction, a concurrent insert of
     * the same key blocks until the other transaction ends.
     *
     * @return whether this call inserted it
     */
    boolean insertIfAbsent(IdempotencyRecord record);

    Optional<IdempotencyRecord> find(String channel, String idempotencyKey);

    /** Deletes the records created before the instant; answers how many. */
    int deleteCreatedBefore(Instant instant);
}
