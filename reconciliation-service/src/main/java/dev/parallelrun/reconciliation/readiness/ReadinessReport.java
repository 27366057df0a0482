package dev.parallelrun.reconciliation.readiness;

import java.time.Instant;
import java.util.List;

/**
 * One evaluation of a context's readiness, as {@code GET /api/v1/readiness/{context}} answers it and as every authority
 * decision snapshots it.
 *
 * @param ready whether every required criterion is met
 */
public record ReadinessReport(String context, boolean ready, Instant evaluatedAt, List<Criterion> criteria) {

    public ReadinessReport {
        criteria = List.copyOf(criteria);
    }

    /**
     * One criterion: what was required, what was found, whether that meets it.
     *
     * @param name     e.g. {@code matchRate:ClaimAssessed}, {@code minimumVolume:PaymentDecided},
     *                 {@code sustained:ClaimAssessed}, {@code noOpenCriticalDivergence}, {@code cohortCovered:...},
     *                 {@code noExpiredVarianceInUse}, {@code latency:ClaimAssessed} (only with a latency factor)
     * @param required the threshold, as text a person reads (e.g. {@code ">= 0.98"})
     * @param actual   what was measured, as text (e.g. {@code "0.991 (1204 agree, 11 disagree)"})
     */
    public record Criterion(String name, String required, String actual, boolean met) {
    }
}
