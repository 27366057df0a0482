package dev.parallelrun.ingress.intent.persistence;

import dev.parallelrun.ingress.intent.application.CorrelationClaims;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Correlation claims in PostgreSQL, table {@code ingress.correlation_claim} (primary key: the correlation id). */
@Repository
class JdbcCorrelationClaims implements CorrelationClaims {

    private final JdbcClient jdbc;

    JdbcCorrelationClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String claim(String correlationId, String eventId, String channel, Instant at) {
        int inserted = jdbc.sql("""
                        INSERT INTO ingress.correlation_claim (correlation_id, event_id, channel, claimed_at)
                        VALUES (:correlationId, :eventId, :channel, :claimedAt)
                        ON CONFLICT (correlation_id) DO NOTHING
                        """)
                .param("correlationId", correlationId)
                .param("eventId", eventId)
                .param("channel", channel)
                .param("claimedAt", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
        if (inserted == 1) {
            return eventId;
        }
        // the conflicting row is committed (ON CONFLICT waited for its transaction), so it is visible here
        return jdbc.sql("SELECT event_id FROM ingress.correlation_claim WHERE correlation_id = :correlationId")
                .param("correlationId", correlationId)
                .query(String.class)
                .optional()
                .orElse(eventId); // deleted by the retention cleanup in between: nobody holds it any more
    }

    @Override
    public int deleteClaimedBefore(Instant instant) {
        return jdbc.sql("DELETE FROM ingress.correlation_claim WHERE claimed_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(instant, ZoneOffset.UTC))
                .update();
    }
}
