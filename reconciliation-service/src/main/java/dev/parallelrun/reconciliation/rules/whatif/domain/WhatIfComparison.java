package dev.parallelrun.reconciliation.rules.whatif.domain;

import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.rules.domain.RedactionRule;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.verdicts.domain.OutcomeSnapshot;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Re-decides a period's live pairs under a candidate rule set, one at a time (memory stays flat whatever the
 * period's size), and tallies what would change. Decides exactly as the correlation does ({@link VerdictDecider} on
 * the comparator with the candidate in place of the context's rule set), from what the database keeps: the
 * outcomes as stored (normalized by the rules that decided them, then redacted), at the original decision time
 * (accepted variances expire as they did then).
 *
 * <p>Only pairs both sides completed are re-decided ({@code MATCH}, {@code TOLERATED}, {@code EXPECTED_DIFFERENCE},
 * {@code MISMATCH}, {@code TIMING}); a failure, a rejection, a missing side, crossed intents or no answer is not a
 * question of comparison rules, so such pairs are counted as skipped, never as changes. A {@code TIMING} pair was
 * late: it stays {@code TIMING} while the candidate finds its sides equivalent. A pair whose verdict differed at a
 * path the deciding rule set dropped or masked is skipped too: the stored values there are gone (both sides read
 * the mask), so a re-comparison would report a change the candidate did not make.
 *
 * <p>Not thread-safe: one instance per run.
 */
public final class WhatIfComparison {

    /** The examples kept per change. */
    public static final int MAX_EXAMPLES = 10;
    /** A pair that is not two completed outcomes (failed, data quality, missing, unanswered). */
    public static final String NOT_BOTH_COMPLETED = "notBothCompleted";
    /** A comparable pair without both stored outcomes (a verdict stored before outcomes were kept). */
    public static final String OUTCOMES_NOT_STORED = "outcomesNotStored";
    /** A pair whose verdict differed at a path the deciding rule set dropped or masked. */
    public static final String DIFFERED_AT_REDACTED_PATH = "differedAtRedactedPath";

    private static final Set<Classification> COMPARED = EnumSet.of(Classification.MATCH, Classification.TOLERATED,
            Classification.EXPECTED_DIFFERENCE, Classification.MISMATCH, Classification.TIMING);

    private final String context;
    private final RuleSet candidate;
    private final VerdictDecider decider;
    private final Function<String, RuleSet> baseRuleSets;
    private final Map<String, RuleSet> seenRuleSets = new LinkedHashMap<>();
    private final Map<String, Long> baseVersions = new LinkedHashMap<>();
    private final Map<String, Long> skippedByReason = new LinkedHashMap<>();
    private final Map<Transition, Tally> changes = new HashMap<>();
    private long compared;
    private long unchanged;

    /**
     * @param comparator   the comparator in force (its fallback and redaction key are kept)
     * @param candidate    the candidate rule set, of {@code context}
     * @param baseRuleSets the rule set of a stored verdict's {@code ruleSetVersion}; {@code null} when it is not known
     *                     as a rule set (a retired built-in): nothing of it is then taken as redacted
     */
    public WhatIfComparison(String context, RuleBasedComparator comparator, RuleSet candidate,
            Function<String, RuleSet> baseRuleSets) {
        this.context = Objects.requireNonNull(context);
        if (!context.equals(candidate.context())) {
            throw new IllegalArgumentException("the candidate is for context " + candidate.context() + ", not " + context);
        }
        this.candidate = candidate;
        this.decider = new VerdictDecider(comparator.with(candidate));
        this.baseRuleSets = baseRuleSets;
        skippedByReason.put(NOT_BOTH_COMPLETED, 0L);
        skippedByReason.put(OUTCOMES_NOT_STORED, 0L);
        skippedByReason.put(DIFFERED_AT_REDACTED_PATH, 0L);
    }

    /** Re-decides one stored pair and counts the result. */
    public void add(StoredPair pair) {
        RuleSet base = seenRuleSets.computeIfAbsent(pair.ruleSetVersion(), baseRuleSets);
        if (!COMPARED.contains(pair.classification())) {
            skip(NOT_BOTH_COMPLETED);
            return;
        }
        if (pair.legacy() == null || pair.shadow() == null) {
            skip(OUTCOMES_NOT_STORED);
            return;
        }
        if (base != null && differsAtRedactedPath(base.rulesFor(pair.outcomeType()).redaction(), pair.differencePaths())) {
            skip(DIFFERED_AT_REDACTED_PATH);
            return;
        }
        Classification now = decider.decide(snapshot(pair, Side.LEGACY, pair.legacy()),
                snapshot(pair, Side.SHADOW, pair.shadow()), pair.decidedAt(),
                pair.classification() == Classification.TIMING, null).classification();
        compared++;
        baseVersions.merge(pair.ruleSetVersion(), 1L, Long::sum);
        if (now == pair.classification()) {
            unchanged++;
        } else {
            changes.computeIfAbsent(new Transition(pair.classification(), now), t -> new Tally()).add(pair.correlationId());
        }
    }

    /** The report so far. */
    public WhatIfOutcome outcome(String baseVersion) {
        List<ClassChange> sorted = changes.entrySet().stream()
                .map(e -> new ClassChange(e.getKey().from(), e.getKey().to(), e.getValue().count, e.getValue().examples))
                .sorted(Comparator.comparingLong(ClassChange::count).reversed()
                        .thenComparing(ClassChange::from).thenComparing(ClassChange::to))
                .toList();
        long skipped = skippedByReason.values().stream().mapToLong(Long::longValue).sum();
        return new WhatIfOutcome(candidate.version(), baseVersion, Map.copyOf(baseVersions), compared, unchanged,
                skipped, Map.copyOf(skippedByReason), sorted, notComparable(baseVersion));
    }

    /**
     * The paths dropped or masked by the rule set in force and by every rule set that decided a pair of the period.
     * Keyed-hash redaction is left out: equal values hash equal, so a hashed path is still compared for equality
     * (only a tolerance or a mapping on it cannot apply to the hash).
     */
    private List<NotComparable> notComparable(String baseVersion) {
        Map<String, RuleSet> ruleSets = new LinkedHashMap<>();
        RuleSet inForce = seenRuleSets.computeIfAbsent(baseVersion, baseRuleSets);
        if (inForce != null) {
            ruleSets.put(baseVersion, inForce);
        }
        seenRuleSets.forEach((version, ruleSet) -> {
            if (ruleSet != null) {
                ruleSets.putIfAbsent(version, ruleSet);
            }
        });
        Map<String, NotComparable> out = new LinkedHashMap<>();
        for (RuleSet ruleSet : ruleSets.values()) {
            List<RedactionRule> rules = new ArrayList<>(ruleSet.otherOutcomes().redaction());
            ruleSet.outcomeTypes().values().forEach(o -> rules.addAll(o.redaction()));
            for (RedactionRule rule : rules) {
                if (rule.action() == RedactionRule.Action.HASH) {
                    continue;
                }
                String verb = rule.action() == RedactionRule.Action.DROP ? "dropped" : "masked";
                out.putIfAbsent(rule.path() + "|" + rule.action(), new NotComparable(rule.path().toString(),
                        rule.action().name(), verb + " by rule set " + ruleSet.version() + " (" + rule.location()
                                + ") before the outcomes were stored: the stored values cannot show a difference there"));
            }
        }
        return List.copyOf(out.values());
    }

    private void skip(String reason) {
        skippedByReason.merge(reason, 1L, Long::sum);
    }

    private OutcomeSnapshot snapshot(StoredPair pair, Side side, tools.jackson.databind.JsonNode data) {
        return new OutcomeSnapshot(null, pair.correlationId(), null, context, pair.outcomeType(), side,
                OutcomeStatus.COMPLETED, data, null, null, null);
    }

    private static boolean differsAtRedactedPath(List<RedactionRule> redaction, List<String> differencePaths) {
        for (String path : differencePaths) {
            List<String> segments = segments(path);
            for (RedactionRule rule : redaction) {
                if (rule.action() != RedactionRule.Action.HASH && rule.path().matchesPrefixOf(segments)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A difference's JSON Pointer as segments; {@code /} is the whole document. */
    static List<String> segments(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private record Transition(Classification from, Classification to) {
    }

    private static final class Tally {
        private long count;
        private final List<String> examples = new ArrayList<>();

        void add(String correlationId) {
            count++;
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(correlationId);
            }
        }
    }
}
