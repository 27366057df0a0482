package dev.parallelrun.reconciliation.verdicts.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intents sampling left out of the parallel run, one row per intent event, so that a match rate can say how
 * many intents it does not rest on. Written idempotently: an intent id is stored once.
 */
@Repository
public class UnsampledIntentStore {

    static final String INSERT = "INSERT INTO unsampled_intent (intent_id, context, intent_type, accepted_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (intent_id) DO NOTHING";
    /** Also read by the match-rate gauges. */
    public static final String COUNT_SINCE = "SELECT context, count(*) AS n FROM unsampled_intent "
            + "WHERE accepted_at >= ? GROUP BY context ORDER BY context";

    private final JdbcTemplate jdbc;

    public UnsampledIntentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the batch in one transaction; intents stored before are left as they are. */
    @Transactional
    public void saveAll(List<UnsampledIntent> intents) {
        if (intents.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, intents, intents.size(), (statement, intent) -> {
            statement.setString(1, intent.intentId());
            statement.setString(2, intent.context());
            statement.setString(3, intent.intentType());
            statement.setTimestamp(4, Timestamp.from(intent.acceptedAt()));
        });
    }

    /** Intents left out that were accepted since the instant, per context (all contexts when it is {@code null}). */
    public Map<String, Long> countSince(Instant since, String context) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (context == null) {
            jdbc.query(COUNT_SINCE, rs -> {
                counts.put(rs.getString("context"), rs.getLong("n"));
            }, Timestamp.from(since));
        } else {
            counts.put(context, jdbc.queryForObject("SELECT count(*) FROM unsampled_intent WHERE context = ? "
                    + "AND accepted_at >= ?", Long.class, context, Timestamp.from(since)));
        }
        return counts;
    }

    /** One intent sampling left out: its event id, context, CloudEvent type and when the ingress accepted it. */
    public record UnsampledIntent(String intentId, String context, String intentType, Instant acceptedAt) {
    }
}
