package dev.parallelrun.reconciliation.rules.whatif.domain;

import dev.parallelrun.events.verdict.Classification;
import java.util.List;

/**
 * Pairs whose classification would change from {@code from} to {@code to} under the candidate.
 *
 * @param examples up to {@link WhatIfComparison#MAX_EXAMPLES} of their correlation ids, in decision order
 */
public record ClassChange(Classification from, Classification to, long count, List<String> examples) {

    public ClassChange {
        examples = List.copyOf(examples);
    }
}
