package dev.parallelrun.ingress.intent.persistence;

import dev.parallelrun.ingress.intent.application.CorrelationClaims;
import dev.parallelrun.ingress.intent.application.IdempotencyRecords;
import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency records in PostgreSQL, table {@code ingress.idempotency_record}; a new record claims its correlation id
 * ({@code ingress.correlation_claim}) in the same statement.
 */
@Repository
class JdbcIdempotencyRecords implements IdempotencyRecords {

    private final JdbcClient jdbc;
    private final CorrelationClaims claims;

    JdbcIdempotencyRecords(JdbcClient jdbc, CorrelationClaims claims) {
        this.jdbc = jdbc;
        this.claims = claims;
    }

    /**
     * One statement for the common case, a new key and a free correlation id: the claim is inserted only when the
     * record was (both are data-modifying parts of one statement, so both see the same ON CONFLICT waits as two
     * statements would). When the correlation id is held, the claim's insert does nothing and the holder is read by
     * {@link CorrelationClaims#claim}, in a statement of its own, which sees the holder's row once committed.
     */
    @Override
    public Optional<String> insertIfAbsentAndClaim(IdempotencyRecord record) {
        OffsetDateTime at = OffsetDateTime.ofInstant(record.createdAt(), ZoneOffset.UTC);
        Written written = jdbc.sql("""
                        WITH recorded AS (
                            INSERT INTO ingress.idempotency_record
                                (channel, idempotency_key, request_hash, correlation_id, event_id, event_type, created_at)
                            VALUES (:channel, :key, :hash, :correlationId, :eventId, :eventType, :createdAt)
                            ON CONFLICT (channel, idempotency_key) DO NOTHING
                            RETURNING 1
                        ), claimed AS (
                            INSERT INTO ingress.correlation_claim (correlation_id, event_id, channel, claimed_at)
                            SELECT :correlationId, :eventId, :channel, :createdAt WHERE EXISTS (SELECT 1 FROM recorded)
                            ON CONFLICT (correlation_id) DO NOTHING
                            RETURNING 1
                        )
                        SELECT EXISTS (SELECT 1 FROM recorded) AS recorded, EXISTS (SELECT 1 FROM claimed) AS claimed
                        """)
                .param("channel", record.channel())
                .param("key", record.idempotencyKey())
                .param("hash", record.requestHash())
                .param("correlationId", record.correlationId())
                .param("eventId", record.eventId())
                .param("eventType", record.eventType())
                .param("createdAt", at)
                .query((rs, row) -> new Written(rs.getBoolean("recorded"), rs.getBoolean("claimed")))
                .single();
        if (!written.recorded()) {
            return Optional.empty();
        }
        if (written.claimed()) {
            return Optional.of(record.eventId());
        }
        return Optional.of(claims.claim(record.correlationId(), record.eventId(), record.channel(), record.createdAt()));
    }

    private record Written(boolean recorded, boolean claimed) {
    }

    @Override
    public Optional<IdempotencyRecord> find(String channel, String idempotencyKey) {
        return jdbc.sql("""
                        SELECT channel, idempotency_key, request_hash, correlation_id, event_id, event_type, created_at
                        FROM ingress.idempotency_record
                        WHERE channel = :channel AND idempotency_key = :key
                        """)
                .param("channel", channel)
                .param("key", idempotencyKey)
                .query((rs, row) -> new IdempotencyRecord(rs.getString("channel"), rs.getString("idempotency_key"),
                        rs.getString("request_hash"), rs.getString("correlation_id"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Override
    public int deleteCreatedBefore(Instant instant) {
        return jdbc.sql("DELETE FROM ingress.idempotency_record WHERE created_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(instant, ZoneOffset.UTC))
                .update();
    }
}
