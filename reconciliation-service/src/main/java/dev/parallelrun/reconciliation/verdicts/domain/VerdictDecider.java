package dev.parallelrun.reconciliation.verdicts.domain;

import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns what arrived for a pair into a verdict: compares two completed outcomes with the
 * {@link OutcomeComparator}, and classifies failures, rejections, missing sides and late arrivals
 * as ARCHITECTURE.md defines them. A verdict carries the outcomes only as the comparator lets them
 * out (normalized, personal data redacted), whatever the classification. Pure and deterministic: the
 * same inputs give the same verdict, verdict id included.
 */
public final class VerdictDecider {

    /** The difference path of a pair whose sides answered different intents. */
    public static final String CAUSATION_PATH = "/causationid";

    private final OutcomeComparator comparator;

    public VerdictDecider(OutcomeComparator comparator) {
        this.comparator = Objects.requireNonNull(comparator);
    }

    /**
     * Both sides arrived.
     *
     * @param late       the counterpart arrived after the matching window (within the grace), so an
     *                   equivalent content is {@code TIMING}
     * @param supersedes the verdict this one replaces ({@code null} for a first verdict)
     */
    public Verdict decide(OutcomeSnapshot legacy, OutcomeSnapshot shadow, Instant decidedAt, boolean late,
            Verdict supersedes) {
        String context = legacy.context();
        String outcomeType = legacy.outcomeType();
        if (legacy.causationId() != null && shadow.causationId() != null
                && !legacy.causationId().equals(shadow.causationId())) {
            return crossedIntents(legacy, shadow, decidedAt, supersedes);
        }
        if (legacy.status() == OutcomeStatus.COMPLETED && shadow.status() == OutcomeStatus.COMPLETED) {
            Comparison comparison = comparator.compare(context, outcomeType, legacy.data(), shadow.data(), decidedAt);
            Classification classification = late && comparison.equivalent() ? Classification.TIMING
                    : comparison.classification();
            return verdict(legacy.pairKey(), context, supersedes, classification, comparison.severity(),
                    comparison.differences(), comparison.ruleSetVersion(), legacy, comparison.legacy(), shadow,
                    comparison.shadow(), decidedAt);
        }
        Classification classification;
        Severity severity;
        if (legacy.status() == OutcomeStatus.FAILED || shadow.status() == OutcomeStatus.FAILED) {
            classification = Classification.FAILED;
            severity = Severity.NONE;
        } else {
            classification = Classification.DATA_QUALITY;
            // one side accepting what the other refused as invalid is worth a look; both refusing is not
            severity = legacy.status() == shadow.status() ? Severity.NONE : Severity.LOW;
        }
        return verdict(legacy.pairKey(), context, supersedes, classification, severity, List.of(),
                comparator.ruleSetVersion(context), legacy, view(legacy), shadow, view(shadow), decidedAt);
    }

    /**
     * The two sides answered different intents under one correlation id (a reused {@code X-Correlation-Id}):
     * comparing them would be evidence about two different claims, a false {@code MISMATCH} or {@code MATCH}.
     * Classified {@code DATA_QUALITY} (excluded from the match rate: the intent stream, not either side, is
     * at fault), severity {@code HIGH}, with one difference at {@code /causationid} naming both intents;
     * the outcomes are kept on the verdict as they arrived so that an auditor can see which claim each
     * side answered.
     */
    private Verdict crossedIntents(OutcomeSnapshot legacy, OutcomeSnapshot shadow, Instant decidedAt,
            Verdict supersedes) {
        Difference difference = new Difference(CAUSATION_PATH, JsonNodeFactory.instance.stringNode(legacy.causationId()),
                JsonNodeFactory.instance.stringNode(shadow.causationId()), "causation", false, Severity.HIGH);
        return verdict(legacy.pairKey(), legacy.context(), supersedes, Classification.DATA_QUALITY, Severity.HIGH,
                List.of(difference), comparator.ruleSetVersion(legacy.context()), legacy, view(legacy), shadow,
                view(shadow), decidedAt);
    }

    /**
     * An accepted intent for which neither side produced this outcome type within window + grace: no
     * outcomes, no received times; {@code HIGH} because the parallel run has no evidence at all for it.
     */
    public Verdict unanswered(PairKey key, String context, Instant decidedAt) {
        return unanswered(key, context, decidedAt, null);
    }

    /** As {@link #unanswered(PairKey, String, Instant)}, for an intent of the given replay ({@code null}: live). */
    public Verdict unanswered(PairKey key, String context, Instant decidedAt, String replayId) {
        return verdict(key, context, null, Classification.UNANSWERED, Severity.HIGH, List.of(),
                comparator.ruleSetVersion(context), null, null, null, null, decidedAt, replayId);
    }

    /** Only one side arrived within the window and the grace. */
    public Verdict missing(OutcomeSnapshot present, Instant decidedAt) {
        return missing(present, decidedAt, null);
    }

    /** Only one side arrived within the window and the grace; {@code supersedes} an earlier verdict, if any. */
    public Verdict missing(OutcomeSnapshot present, Instant decidedAt, Verdict supersedes) {
        Classification classification;
        Severity severity;
        if (present.status() == OutcomeStatus.FAILED) {
            classification = Classification.FAILED;
            severity = Severity.NONE;
        } else if (present.status() == OutcomeStatus.REJECTED) {
            classification = Classification.DATA_QUALITY;
            severity = Severity.LOW;
        } else {
            classification = present.side() == Side.LEGACY ? Classification.MISSING_SHADOW : Classification.MISSING_LEGACY;
            severity = Severity.HIGH;
        }
        OutcomeSnapshot legacy = present.side() == Side.LEGACY ? present : null;
        OutcomeSnapshot shadow = present.side() == Side.SHADOW ? present : null;
        return verdict(present.pairKey(), present.context(), supersedes, classification, severity, List.of(),
                comparator.ruleSetVersion(present.context()), legacy, view(legacy), shadow, view(shadow), decidedAt);
    }

    private JsonNode view(OutcomeSnapshot snapshot) {
        return snapshot == null ? null
                : comparator.view(snapshot.context(), snapshot.outcomeType(), snapshot.side(), snapshot.data());
    }

    private static Verdict verdict(PairKey key, String context, Verdict supersedes, Classification classification,
            Severity severity, List<Difference> differences, String ruleSetVersion, OutcomeSnapshot legacy,
            JsonNode legacyView, OutcomeSnapshot shadow, JsonNode shadowView, Instant decidedAt) {
        String replayId = legacy != null && legacy.replayId() != null ? legacy.replayId()
                : shadow == null ? null : shadow.replayId();
        return verdict(key, context, supersedes, classification, severity, differences, ruleSetVersion, legacy,
                legacyView, shadow, shadowView, decidedAt, replayId);
    }

    private static Verdict verdict(PairKey key, String context, Verdict supersedes, Classification classification,
            Severity severity, List<Difference> differences, String ruleSetVersion, OutcomeSnapshot legacy,
            JsonNode legacyView, OutcomeSnapshot shadow, JsonNode shadowView, Instant decidedAt, String replayId) {
        int revision = supersedes == null ? 1 : supersedes.revision() + 1;
        return new Verdict(verdictId(key, revision), revision, supersedes == null ? null : supersedes.verdictId(),
                key.correlationId(), context, key.outcomeType(), classification, severity, differences, ruleSetVersion,
                legacy == null ? null : legacy.receivedAt(), shadow == null ? null : shadow.receivedAt(), decidedAt,
                legacy == null ? null : legacy.eventId(), shadow == null ? null : shadow.eventId(), legacyView, shadowView,
                replayId);
    }

    /** Deterministic: reprocessing never mints a second id for the same verdict. */
    public static String verdictId(PairKey key, int revision) {
        return UUID.nameUUIDFromBytes((key.asString() + "|" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
