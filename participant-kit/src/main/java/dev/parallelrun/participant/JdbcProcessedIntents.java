package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The processed-intent log in {@code processed_intent}. The primary key makes concurrent deliveries of one intent
 * (e.g. during a rebalance) agree on a single set of outcomes: the first writer wins, later ones read it back.
 */
final class JdbcProcessedIntents implements ProcessedIntents {

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
    public boolean storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes) {
        // a row without outcomes (an intent recorded before it was decided) gets them; one with outcomes keeps its own.
        // ON CONFLICT waits for a concurrent insert of the same id to commit: exactly one delivery stores its outcomes
        Timestamp now = Timestamp.from(clock.instant());
        int stored = jdbc.sql("""
                        INSERT INTO processed_intent (intent_event_id, correlation_id, outcomes, processed_at, received_at)
                        VALUES (?, ?, CAST(? AS json), ?, ?)
                        ON CONFLICT (intent_event_id) DO UPDATE
                            SET outcomes = EXCLUDED.outcomes, processed_at = EXCLUDED.processed_at
                            WHERE processed_intent.outcomes IS NULL""")
                .params(intentEventId, correlationId, codec.mapper().writeValueAsString(outcomes), now, now)
                .update();
        return stored == 1;
    }

    private List<CloudEvent> events(String json) {
        List<CloudEvent> events = new ArrayList<>();
        for (JsonNode node : codec.mapper().readTree(json)) {
            events.add(codec.mapper().treeToValue(node, CloudEvent.class));
        }
        return List.copyOf(events);
    }
}
