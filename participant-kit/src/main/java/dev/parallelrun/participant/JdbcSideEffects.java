package dev.parallelrun.participant;

import dev.parallelrun.events.EventCodec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Gated side effects in {@code side_effect}: the suppression record, and the outbox when dispatched. */
final class JdbcSideEffects implements SideEffects {

    private final JdbcClient jdbc;
    private final EventCodec codec;

    JdbcSideEffects(JdbcClient jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    @Override
    public void record(GatedSideEffect sideEffect) {
        jdbc.sql("""
                        INSERT INTO side_effect (id, intent_event_id, correlation_id, type, payload, status, created_at)
                        VALUES (:id, :intentEventId, :correlationId, :type, CAST(:payload AS jsonb), :status, :createdAt)""")
                .param("id", sideEffect.id())
                .param("intentEventId", sideEffect.intentEventId())
                .param("correlationId", sideEffect.correlationId())
                .param("type", sideEffect.type())
                .param("payload", codec.mapper().writeValueAsString(sideEffect.payload()))
                .param("status", sideEffect.status().name())
                .param("createdAt", Timestamp.from(sideEffect.createdAt()))
                .update();
    }

    @Override
    public List<GatedSideEffect> ofCorrelation(String correlationId) {
        return jdbc.sql("""
                        SELECT id, intent_event_id, correlation_id, type, payload::text AS payload, status, created_at,
                               relayed_at
                        FROM side_effect WHERE correlation_id = :correlationId
                        ORDER BY created_at, type""")
                .param("correlationId", correlationId)
                .query((rs, row) -> new GatedSideEffect(
                        rs.getObject("id", UUID.class),
                        rs.getString("intent_event_id"),
                        rs.getString("correlation_id"),
                        rs.getString("type"),
                        codec.mapper().readTree(rs.getString("payload")),
                        SideEffectStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("relayed_at"))))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
