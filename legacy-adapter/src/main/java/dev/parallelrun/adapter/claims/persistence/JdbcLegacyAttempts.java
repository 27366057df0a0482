package dev.parallelrun.adapter.claims.persistence;

import dev.parallelrun.adapter.claims.application.LegacyAttempts;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The legacy attempts on the processed-intent log: the row of an intent is written before legacy is called (with the
 * legacy request key and the number of attempts) and completed by the participant kit with the outcome events. The
 * primary key makes concurrent deliveries of one intent (e.g. during a rebalance) agree on one request key.
 */
@Repository
class JdbcLegacyAttempts implements LegacyAttempts {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcLegacyAttempts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String recordAttempt(String intentEventId, String correlationId, String legacyRequestKey) {
        // autocommitted before legacy is called; a concurrent delivery waits for it and gets the same key
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        INSERT INTO processed_intent (intent_event_id, correlation_id, legacy_request_key, attempts,
                                                      first_attempt_at, received_at)
                        VALUES (?, ?, ?, 1, ?, ?)
                        ON CONFLICT (intent_event_id) DO UPDATE SET attempts = processed_intent.attempts + 1
                        RETURNING legacy_request_key""")
                .params(intentEventId, correlationId, legacyRequestKey, now, now)
                .query(String.class)
                .single();
    }
}
