package dev.parallelrun.events.verdict;

import tools.jackson.databind.JsonNode;

/**
 * One field that differs between the two sides.
 *
 * @param path            JSON Pointer of the field, e.g. {@code /ledgerEntries/0/amount}
 * @param legacy          the legacy value ({@code null} when absent)
 * @param shadow          the shadow value ({@code null} when absent)
 * @param comparator      the comparator that judged it, e.g. {@code exact}
 * @param withinTolerance whether the comparator accepted the difference
 * @param severity        how much this difference matters
 */
public record Difference(String path, JsonNode legacy, JsonNode shadow, String comparator,
        boolean withinTolerance, Severity severity) {
}
