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
 * The processed-intent log: one row per intent event id with the outcome events published for it.
 * The primary key makes concurrent deliveries of one intent (e.g. during a rebalance) agree on a
 * single set of outcomes: the first insert wins, later ones read it back.
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
        return jdbc.sql("SELECT outcomes::text FROM processed_intent WHERE intent_event_id = ?")
                .param(intentEventId)
                .query(String.class)
                .optional()
                .map(this::events);
    }

    @Override
    public List<CloudEvent> storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes) {
        int inserted = jdbc.sql("""
                        INSERT INTO processed_intent (intent_event_id, correlation_id, outcomes, processed_at)
                        VALUES (?, ?, CAST(? AS json), ?)
                        ON CONFLICT (intent_event_id) DO NOTHING""")
                .params(intentEventId, correlationId, codec.mapper().writeValueAsString(outcomes),
                        Timestamp.from(clock.instant()))
                .update();
        if (inserted == 1) {
            return outcomes;
        }
        return outcomesOf(intentEventId).orElseThrow(() -> new IllegalStateException(
                "intent " + intentEventId + " neither inserted nor found"));
    }

    /** Forgets the intents processed before the given instant; answers how many. */
    int deleteProcessedBefore(Instant instant) {
        return jdbc.sql("DELETE FROM processed_intent WHERE processed_at < ?").param(Timestamp.from(instant)).update();
    }

    private List<CloudEvent> events(String json) {
        JsonNode array = codec.mapper().readTree(json);
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> codec.data(node, CloudEvent.class))
                .toList();
    }
}
