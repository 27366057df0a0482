package dev.parallelrun.reconciliation.evidence.domain;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import java.time.Instant;

/**
 * How many current verdicts of one hour (UTC, by decision time) have this outcome type, classification, severity and
 * rule-set version: the grain every verdict section of the pack is summed from.
 *
 * @param hour the start of the hour
 */
public record VerdictCount(Instant hour, String outcomeType, Classification classification, Severity severity,
        String ruleSetVersion, long count) {
}
