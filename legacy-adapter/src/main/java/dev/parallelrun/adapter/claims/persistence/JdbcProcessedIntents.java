package dev.parallelrun.adapter.claims.persistence;

import dev.parallelrun.adapter.claims.application.ProcessedIntents;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The processed-intent log: one row per intent event id, written before legacy is called (with the legacy request
 * key and the number of attempts), completed with the outcome events published for it. The primary key makes
 * concurrent deliveries of one intent (e.g. during a rebalance) agree on one request key and a single set of
 * outcomes: the first writer wins, later ones read it back.
 */
@Repository
class JdbcProcessedIntents implements ProcessedIntents {

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final Clock clock;

    JdbcProcessedIntents(JdbcClient jdbc, EventCodec codec, Clock clock) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public Optional<List<CloudEvent>> outcomesOf(String intentEventId) {
        return jdbc.sql("SELECT outcomes::text FROM processed_intent WHERE intent_event_id = ? AND outcomes IS NOT NULL")
                .param(intentEventId)
                .query(String.class)
                .optional()
                .map(this::events);
    }

    @Override
    public String recordAttempt(String intentEventId, String correlationId, String legacyRequestKey) {
        // autocommitted before legacy is called; a concurrent delivery waits for it and gets the same key
        return jdbc.sql("""
                        INSERT INTO processed_intent (intent_event_id, correlation_id, legacy_request_key, attempts,
                                                      first_attempt_at)
                        VALUES (?, ?, ?, 1, ?)
                        ON CONFLICT (intent_event_id) DO UPDATE SET attempts = processed_intent.attempts + 1
                        RETURNING legacy_request_key""")
                .params(intentEventId, correlationId, legacyRequestKey, Timestamp.from(clock.instant()))
                .query(String.class)
                .single();
    }

    @Override
    public List<CloudEvent> storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes) {
        Timestamp now = Timestamp.from(clock.instant());
        int stored = jdbc.sql("""
                        INSERT INTO processed_intent (intent_event_id, correlation_id, legacy_request_key, outcomes,
                                                      processed_at, first_attempt_at)
                        VALUES (?, ?, ?, CAST(? AS json), ?, ?)
                        ON CONFLICT (intent_event_id) DO UPDATE
                            SET outcomes = EXCLUDED.outcomes, processed_at = EXCLUDED.processed_at
                            WHERE processed_intent.outcomes IS NULL""")
                .params(intentEventId, correlationId, intentEventId, codec.mapper().writeValueAsString(outcomes), now, now)
                .update();
        if (stored == 1) {
            return outcomes;
        }
        return outcomesOf(intentEventId).orElseThrow(() -> new IllegalStateException(
                "intent " + intentEventId + " neither inserted nor found"));
    }

    /** Forgets the intents first attempted before the given instant; answers how many. */
    int deleteProcessedBefore(Instant instant) {
        return jdbc.sql("DELETE FROM processed_intent WHERE first_attempt_at < ?").param(Timestamp.from(instant)).update();
    }

    private List<CloudEvent> events(String json) {
        JsonNode array = codec.mapper().readTree(json);
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> codec.data(node, CloudEvent.class))
                .toList();
    }
}
