package dev.parallelrun.claims.persistence;

import dev.parallelrun.claims.application.ProcessedIntentStore;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** The processed-intent log in {@code processed_intent}. */
@Repository
class JdbcProcessedIntentStore implements ProcessedIntentStore {

    private final JdbcClient jdbc;
    private final EventCodec codec;

    JdbcProcessedIntentStore(JdbcClient jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    @Override
    public boolean recordFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes,
            Instant processedAt) {
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit, then reports 0 rows:
        // exactly one delivery of an intent gets to record its side effects
        int inserted = jdbc.sql("""
                        INSERT INTO processed_intent (intent_event_id, correlation_id, outcomes, processed_at)
                        VALUES (:id, :correlationId, CAST(:outcomes AS json), :processedAt)
                        ON CONFLICT (intent_event_id) DO NOTHING""")
                .param("id", intentEventId)
                .param("correlationId", correlationId)
                .param("outcomes", codec.mapper().writeValueAsString(outcomes))
                .param("processedAt", Timestamp.from(processedAt))
                .update();
        return inserted == 1;
    }

    @Override
    public Optional<List<CloudEvent>> outcomesOf(String intentEventId) {
        return jdbc.sql("SELECT outcomes FROM processed_intent WHERE intent_event_id = :id")
                .param("id", intentEventId)
                .query(String.class)
                .optional()
                .map(this::readOutcomes);
    }

    private List<CloudEvent> readOutcomes(String json) {
        List<CloudEvent> events = new ArrayList<>();
        for (JsonNode node : codec.mapper().readTree(json)) {
            events.add(codec.mapper().treeToValue(node, CloudEvent.class));
        }
        return List.copyOf(events);
    }
}
