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
 * The attributes an authority cohort is a predicate on (product line, region, channel), and the authority stamped on
 * it, per business transaction: readiness joins them to the verdicts to count each cohort's evidence. Written
 * idempotently, one row per correlation id (the first intent seen wins; redelivery stores nothing twice).
 */
@Repository
public class IntentCohortStore {

    static final String INSERT = "INSERT INTO intent_cohort (correlation_id, context, product_line, region, channel, "
            + "authority, authority_decision, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (correlation_id) DO NOTHING";

    private final JdbcTemplate jdbc;

    public IntentCohortStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the batch in one transaction; correlation ids stored before are left as they are. */
    @Transactional
    public void saveAll(List<IntentCohort> intents) {
        // one statement must not carry the same key twice
        Map<String, IntentCohort> unique = new LinkedHashMap<>();
        intents.forEach(intent -> unique.putIfAbsent(intent.correlationId(), intent));
        if (unique.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, List.copyOf(unique.values()), unique.size(), (statement, intent) -> {
            statement.setString(1, intent.correlationId());
            statement.setString(2, intent.context());
            statement.setString(3, intent.productLine());
            statement.setString(4, intent.region());
            statement.setString(5, intent.channel());
            statement.setString(6, intent.authority());
            statement.setString(7, intent.authorityDecision());
            statement.setTimestamp(8, Timestamp.from(intent.acceptedAt()));
        });
    }

    /**
     * One business transaction's cohort attributes, as its intent carried them; each may be {@code null}.
     *
     * @param channel           the name in the intent's source {@code urn:parallelrun:ingress:channel:<name>}
     * @param authority         the side the ingress stamped authoritative ({@code legacy} | {@code shadow})
     * @param authorityDecision the decision that made it so
     */
    public record IntentCohort(String correlationId, String context, String productLine, String region, String channel,
            String authority, String authorityDecision, Instant acceptedAt) {
    }
}
