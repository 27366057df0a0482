package dev.parallelrun.reconciliation.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The match-rate query against the real verdict table (the service's own Flyway migrations). */
class MatchRateGaugesIT {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void computesTheMatchRateFromCurrentVerdictsWithinTheWindow() {
        var database = TestDatabases.create("match_rate_gauges");
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .schemas("reconciliation").defaultSchema("reconciliation")
                .locations("classpath:db/migration/reconciliation").load().migrate();
        var dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        dataSource.setSchema("reconciliation");
        var jdbc = new JdbcTemplate(dataSource);
        insert(jdbc, "MATCH", NOW.minusSeconds(60), false);
        insert(jdbc, "TOLERATED", NOW.minusSeconds(50), false);
        insert(jdbc, "TIMING", NOW.minusSeconds(40), false);
        insert(jdbc, "MISMATCH", NOW.minusSeconds(30), false);
        insert(jdbc, "MISSING_SHADOW", NOW.minusSeconds(20), true);   // superseded: not current
        insert(jdbc, "FAILED", NOW.minusSeconds(10), false);          // excluded
        insert(jdbc, "MISMATCH", NOW.minus(Duration.ofHours(1)), false); // outside the window
        insertUnsampled(jdbc, NOW.minusSeconds(30));
        insertUnsampled(jdbc, NOW.minusSeconds(20));
        insertUnsampled(jdbc, NOW.minus(Duration.ofHours(1))); // outside the window

        var registry = new SimpleMeterRegistry();
        var gauges = new MatchRateGauges(jdbc, new ReconciliationMetricsProperties.MatchRate(Duration.ofMinutes(15),
                Duration.ofSeconds(30), 0.95, Map.of()),
                new dev.parallelrun.reconciliation.rules.domain.MatchRateTargets(java.util.List.of(), 0.95, Map.of()),
                Clock.fixed(NOW, java.time.ZoneOffset.UTC), registry);
        gauges.refresh();

        assertThat(registry.get("reconciliation.match.rate").tags("context", "claims", "outcome_type", "ClaimAssessed")
                .gauge().value()).isEqualTo(0.75);
        assertThat(registry.get("reconciliation.match.rate.window.verdicts")
                .tags("context", "claims", "outcome_type", "ClaimAssessed", "agreement", "excluded").gauge().value())
                .isEqualTo(1);
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "claims", "outcome_type", "ClaimAssessed").gauge().value())
                .isEqualTo(0.95);
        assertThat(registry.get("reconciliation.match.rate.counted.verdicts")
                .tags("context", "claims", "outcome_type", "ClaimAssessed").gauge().value()).isEqualTo(4);
        assertThat(registry.get("reconciliation.match.rate.window.unsampled.intents").tags("context", "claims")
                .gauge().value()).isEqualTo(2);
    }

    private static void insertUnsampled(JdbcTemplate jdbc, Instant acceptedAt) {
        jdbc.update("INSERT INTO unsampled_intent (intent_id, context, intent_type, accepted_at) "
                + "VALUES (?, 'claims', 'claims.ClaimSubmitted.v1', ?)", UUID.randomUUID().toString(),
                Timestamp.from(acceptedAt));
    }

    private static void insert(JdbcTemplate jdbc, String classification, Instant decidedAt, boolean superseded) {
        jdbc.update("INSERT INTO verdict (verdict_id, revision, superseded_by, correlation_id, context, outcome_type, "
                + "classification, severity, differences, rule_set_version, decided_at) "
                + "VALUES (?, 1, ?, ?, 'claims', 'ClaimAssessed', ?, 'NONE', '[]'::jsonb, 'structural-1', ?)",
                UUID.randomUUID(), superseded ? UUID.randomUUID() : null, "corr-" + UUID.randomUUID(), classification,
                Timestamp.from(decidedAt));
    }
}
