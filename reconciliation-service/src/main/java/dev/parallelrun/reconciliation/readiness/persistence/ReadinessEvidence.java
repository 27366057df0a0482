package dev.parallelrun.reconciliation.readiness.persistence;

import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.events.verdict.Classification;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The aggregations of the stored verdicts readiness needs beyond the window's classification counts (those come from
 * the verdict store's match-rate query): per hour, per cohort, the variances named, each side's latency, and the open
 * critical divergence cases. Every verdict query reads current verdicts only (a superseded verdict is history, not
 * evidence) of one context.
 */
@Repository
public class ReadinessEvidence {

    private static final String HOURLY = "SELECT outcome_type, date_trunc('hour', decided_at AT TIME ZONE 'UTC') AS hour, "
            + "classification, count(*) AS n FROM verdict WHERE superseded_by IS NULL AND replay_id IS NULL AND context = ? "
            + "AND decided_at >= ? AND decided_at < ? GROUP BY 1, 2, 3";
    private static final String IN_COHORT = "SELECT v.outcome_type, v.classification, count(*) AS n FROM verdict v "
            + "JOIN intent_cohort i ON i.correlation_id = v.correlation_id "
            + "WHERE v.superseded_by IS NULL AND v.replay_id IS NULL AND v.context = ? AND v.decided_at >= ? "
            + "AND (?::text IS NULL OR i.product_line = ?) AND (?::text IS NULL OR i.region = ?) "
            + "AND (?::text IS NULL OR i.channel = ?) GROUP BY 1, 2";
    /** Open work, whenever it was opened: a case the evaluation window no longer covers still blocks. */
    private static final String OPEN_CASES_OF_SEVERITY = "SELECT count(*) FROM divergence_case WHERE context = ? "
            + "AND severity = ? AND state IN ('OPEN', 'ACKNOWLEDGED')";
    /**
     * A difference an accepted variance covered names it in {@code variance}; verdicts stored before that field existed
     * name it in their comparator only ({@code <comparator>+variance:<id>}).
     */
    private static final String VARIANCES_NAMED = "SELECT DISTINCT COALESCE(d->>'variance', "
            + "substring(d->>'comparator' from '\\+variance:(.+)$')) AS id "
            + "FROM verdict v, jsonb_array_elements(v.differences) d WHERE v.superseded_by IS NULL AND v.replay_id IS NULL AND v.context = ? "
            + "AND v.decided_at >= ? AND d->>'comparator' LIKE '%+variance:%'";

    /**
     * Each side's p99 processing latency per outcome type: from the intent's acceptance (its cohort row) to the side's
     * outcome reaching reconciliation, over the pairs with both sides. One query for every outcome type.
     */
    private static final String LATENCY = "SELECT v.outcome_type, "
            + "percentile_cont(0.99) WITHIN GROUP (ORDER BY "
            + "EXTRACT(EPOCH FROM (v.shadow_received_at - i.accepted_at))::double precision) AS shadow_p99, "
            + "percentile_cont(0.99) WITHIN GROUP (ORDER BY "
            + "EXTRACT(EPOCH FROM (v.legacy_received_at - i.accepted_at))::double precision) AS legacy_p99, "
            + "count(*) AS pairs FROM verdict v JOIN intent_cohort i ON i.correlation_id = v.correlation_id "
            + "WHERE v.superseded_by IS NULL AND v.replay_id IS NULL AND v.context = ? AND v.decided_at >= ? "
            + "AND v.shadow_received_at IS NOT NULL AND v.legacy_received_at IS NOT NULL GROUP BY 1";

    private final JdbcTemplate jdbc;

    public ReadinessEvidence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts per outcome type, hour (its start, UTC) and classification, of verdicts decided in [from, to). */
    public List<HourlyCount> hourly(String context, Instant from, Instant to) {
        return jdbc.query(HOURLY, (rs, row) -> new HourlyCount(rs.getString("outcome_type"),
                rs.getObject("hour", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                Classification.valueOf(rs.getString("classification")), rs.getLong("n")),
                context, Timestamp.from(from), Timestamp.from(to));
    }

    /** Counts per outcome type and classification of the cohort's verdicts decided since the instant. */
    public List<CohortCount> inCohort(String context, Instant since, Cohort cohort) {
        return jdbc.query(IN_COHORT, (rs, row) -> new CohortCount(rs.getString("outcome_type"),
                Classification.valueOf(rs.getString("classification")), rs.getLong("n")),
                context, Timestamp.from(since), cohort.productLine(), cohort.productLine(), cohort.region(),
                cohort.region(), cohort.channel(), cohort.channel());
    }

    /**
     * Divergence cases of the given severity still open or acknowledged (docs/operations.md, "Divergence cases"):
     * opened by a disagreeing live verdict, closed by a person's resolution or a later agreeing verdict.
     */
    public long openCases(String context, String severity) {
        Long count = jdbc.queryForObject(OPEN_CASES_OF_SEVERITY, Long.class, context, severity);
        return count == null ? 0 : count;
    }

    /** The ids of the accepted variances the verdicts decided since the instant name. */
    public Set<String> variancesNamed(String context, Instant since) {
        return new LinkedHashSet<>(new ArrayList<>(jdbc.query(VARIANCES_NAMED, (rs, row) -> rs.getString("id"),
                context, Timestamp.from(since))));
    }

    /**
     * Per outcome type, each side's p99 latency (seconds) from the intent's acceptance to its outcome's receipt, over
     * the current verdicts decided since the instant that have both sides and an intent cohort row (the acceptance
     * time). Outcome types without such a verdict are absent.
     */
    public List<SideLatencies> latencies(String context, Instant since) {
        return jdbc.query(LATENCY, (rs, row) -> new SideLatencies(rs.getString("outcome_type"),
                rs.getDouble("shadow_p99"), rs.getDouble("legacy_p99"), rs.getLong("pairs")),
                context, Timestamp.from(since));
    }

    /** Each side's p99 latency (seconds) of one outcome type, over {@code pairs} verdicts with both sides. */
    public record SideLatencies(String outcomeType, double shadowP99, double legacyP99, long pairs) {
    }

    /** Verdicts of one outcome type, hour and classification. */
    public record HourlyCount(String outcomeType, Instant hour, Classification classification, long count) {
    }

    /** Verdicts of one cohort, outcome type and classification. */
    public record CohortCount(String outcomeType, Classification classification, long count) {
    }
}
