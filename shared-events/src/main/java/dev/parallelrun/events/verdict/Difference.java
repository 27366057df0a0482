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
 * @param variance        the id of the accepted variance that covers the difference, or {@code null}; the comparator
 *                        names it too ({@code <comparator>+variance:<id>}), as it did before this field existed
 * @param severity        how much this difference matters
 */
public record Difference(String path, JsonNode legacy, JsonNode shadow, String comparator,
        boolean withinTolerance, String variance, Severity severity) {

    /** A difference no accepted variance covers. */
    public Difference(String path, JsonNode legacy, JsonNode shadow, String comparator, boolean withinTolerance,
            Severity severity) {
        this(path, legacy, shadow, comparator, withinTolerance, null, severity);
    }
}
