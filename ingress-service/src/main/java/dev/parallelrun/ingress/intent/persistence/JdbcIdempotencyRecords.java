package dev.parallelrun.ingress.intent.persistence;

import dev.parallelrun.ingress.intent.application.IdempotencyRecords;
import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency records in PostgreSQL, table {@code ingress.idempotency_record}. */
@Repository
class JdbcIdempotencyRecords implements IdempotencyRecords {

    private final JdbcClient jdbc;

    JdbcIdempotencyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insertIfAbsent(IdempotencyRecord record) {
        return jdbc.sql("""
                        INSERT INTO ingress.idempotency_record
                            (channel, idempotency_key, request_hash, correlation_id, event_id, event_type, created_at)
                        VALUES (:channel, :key, :hash, :correlationId, :eventId, :eventType, :createdAt)
                        ON CONFLICT (channel, idempotency_key) DO NOTHING
                        """)
                .param("channel", record.channel())
                .param("key", record.idempotencyKey())
                .param("hash", record.requestHash())
                .param("correlationId", record.correlationId())
                .param("eventId", record.eventId())
                .param("eventType", record.eventType())
                .param("createdAt", OffsetDateTime.ofInstant(record.createdAt(), ZoneOffset.UTC))
                .update() == 1;
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
