package dev.parallelrun.reconciliation.readiness;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Puts verdicts and intent cohorts into the database as the sinks would, for the readiness and authority ITs. */
public final class StoredVerdicts {

    private final JdbcTemplate jdbc;

    public StoredVerdicts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A current verdict of a new business transaction; returns its correlation id. */
    public String verdict(String outcomeType, String classification, String severity, Instant decidedAt,
            String differences) {
        String correlationId = "corr-" + UUID.randomUUID();
        verdict(correlationId, outcomeType, classification, severity, decidedAt, differences);
        return correlationId;
    }

    public void verdict(String correlationId, String outcomeType, String classification, String severity,
            Instant decidedAt, String differences) {
        jdbc.update("INSERT INTO verdict (verdict_id, revision, correlation_id, context, outcome_type, classification, "
                + "severity, differences, rule_set_version, decided_at) VALUES (?, 1, ?, 'claims', ?, ?, ?, ?::jsonb, "
                + "'structural-1', ?)", UUID.randomUUID(), correlationId, outcomeType, classification, severity,
                differences, Timestamp.from(decidedAt));
    }

    /**
     * Revision {@code revision} of a claims pair's verdict as the correlation emits it, decided about a minute ago: to
     * store through the {@code VerdictStore}, as the sink does, so that a disagreeing one opens its divergence case.
     */
    public static Verdict live(String correlationId, String outcomeType, int revision, Classification classification,
            Severity severity) {
        Instant at = Instant.now().minusSeconds(60 - revision);
        return new Verdict(UUID.nameUUIDFromBytes((correlationId + "|" + outcomeType + "|" + revision)
                .getBytes(StandardCharsets.UTF_8)).toString(), revision, null, correlationId, "claims", outcomeType,
                classification, severity, List.of(), "structural-1", at, at, at, "legacy-" + correlationId,
                "shadow-" + correlationId, null, null, null);
    }

    /**
     * Matching verdicts of both claims outcome types, {@code perHour} in each of the last three full hours and the
     * current one (so that the last two full hours are covered even if the hour turns during the test), each business
     * transaction in the cohort given ({@code null} attributes: no cohort row).
     */
    public void matchesEveryHour(int perHour, String productLine, String region) {
        Instant now = Instant.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        for (Instant at : new Instant[] {hour.minus(Duration.ofMinutes(150)), hour.minus(Duration.ofMinutes(90)),
                hour.minus(Duration.ofMinutes(30)), now.minusSeconds(1)}) {
            for (int i = 0; i < perHour; i++) {
                String correlationId = "corr-" + UUID.randomUUID();
                verdict(correlationId, "ClaimAssessed", "MATCH", "NONE", at, "[]");
                verdict(correlationId, "PaymentDecided", "TOLERATED", "NONE", at, "[]");
                if (productLine != null || region != null) {
                    cohort(correlationId, productLine, region, at);
                }
            }
        }
    }

    public void cohort(String correlationId, String productLine, String region, Instant acceptedAt) {
        jdbc.update("INSERT INTO intent_cohort (correlation_id, context, product_line, region, channel, accepted_at) "
                + "VALUES (?, 'claims', ?, ?, 'web-portal', ?)", correlationId, productLine, region,
                Timestamp.from(acceptedAt));
    }
}
