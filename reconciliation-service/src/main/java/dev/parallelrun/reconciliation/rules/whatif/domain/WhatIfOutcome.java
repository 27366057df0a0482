package dev.parallelrun.reconciliation.rules.whatif.domain;

import java.util.List;
import java.util.Map;

/**
 * What a candidate rule set would have changed over a period's live pairs.
 *
 * @param candidateVersion the candidate's version as verdicts would name it ({@code declared@sha256:...})
 * @param baseVersion      the rule set in force for the context now
 * @param baseVersions     the rule sets that decided the compared pairs, with how many pairs each decided
 * @param compared         pairs re-decided under the candidate
 * @param unchanged        of those, the pairs whose classification stays the same
 * @param skipped          pairs not re-decided (see {@code skippedByReason})
 * @param skippedByReason  {@link WhatIfComparison#NOT_BOTH_COMPLETED}, {@link WhatIfComparison#OUTCOMES_NOT_STORED},
 *                         {@link WhatIfComparison#DIFFERED_AT_REDACTED_PATH} with their counts
 * @param changes          class-to-class changes, the most frequent first
 * @param notComparable    paths whose stored values cannot be re-compared (dropped or masked by redaction)
 */
public record WhatIfOutcome(String candidateVersion, String baseVersion, Map<String, Long> baseVersions, long compared,
        long unchanged, long skipped, Map<String, Long> skippedByReason, List<ClassChange> changes,
        List<NotComparable> notComparable) {
}
