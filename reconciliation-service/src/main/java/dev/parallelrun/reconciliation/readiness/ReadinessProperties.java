package dev.parallelrun.reconciliation.readiness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Readiness settings under {@code reconciliation.readiness} (the targets themselves are in each rule set).
 *
 * @param refreshInterval how often every context's readiness is evaluated for the {@code parallelrun_readiness_ready}
 *                        gauge (a scrape reads the cached value, never the database)
 */
@ConfigurationProperties("reconciliation.readiness")
public record ReadinessProperties(@DefaultValue("60s") Duration refreshInterval) {
}
