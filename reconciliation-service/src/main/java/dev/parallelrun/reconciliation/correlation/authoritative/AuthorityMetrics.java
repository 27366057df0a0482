package dev.parallelrun.reconciliation.correlation.authoritative;

import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import dev.parallelrun.reconciliation.correlation.authoritative.domain.OutcomeAuthority.FallbackReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The authority metrics (ARCHITECTURE.md, "Authority, readiness and evidence"), exported by Prometheus as
 * {@code parallelrun_authoritative_outcomes_total{context,side,status}}, {@code parallelrun_fallbacks_total{context,reason}},
 * {@code parallelrun_replayed_intents_total{context}} and the histogram
 * {@code parallelrun_side_latency_seconds{context,side,outcome_type}}.
 *
 * <p>Labels are bounded: a context or outcome type no rule set names is counted as {@value #OTHER}. The two counters
 * are fed by {@link AuthoritativeStreamCounter} from what was committed, never from inside a Streams transaction that
 * may still abort; the latency is recorded inside the stream task (a crash may record a few again).
 */
public final class AuthorityMetrics {

    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Map<String, List<String>> outcomeTypesByContext;

    /** @param outcomeTypesByContext the outcome types each context's rule set compares */
    public AuthorityMetrics(MeterRegistry registry, Map<String, List<String>> outcomeTypesByContext) {
        this.registry = registry;
        this.outcomeTypesByContext = Map.copyOf(outcomeTypesByContext);
    }

    /**
     * Every series an alert or a panel reads is there from the start, at zero: fallbacks by reason, authoritative
     * outcomes by side and status, replayed intents (replays come later: until then a zero series).
     */
    public void registerAtZero() {
        for (String context : outcomeTypesByContext.keySet()) {
            for (FallbackReason reason : FallbackReason.values()) {
                fallbacks(context, reason.wireName());
            }
            for (Side side : Side.values()) {
                for (OutcomeStatus status : OutcomeStatus.values()) {
                    authoritative(context, side.wireName(), status.wireName());
                }
            }
            replayedIntents(context);
        }
    }

    /** An authoritative outcome read (committed) from {@code outcomes.authoritative.v1}. */
    public void authoritativeOutcome(String context, Side side, OutcomeStatus status) {
        authoritative(context(context), side.wireName(), status.wireName()).increment();
    }

    /** A fallback intent read (committed) from an intent topic. */
    public void fallback(String context, FallbackReason reason) {
        fallbacks(context(context), reason.wireName()).increment();
    }

    /** A replayed intent read (committed) from an intent topic. */
    public void replayedIntent(String context) {
        replayedIntents(context(context)).increment();
    }

    /** How long a side took to answer an intent with an outcome of this type. */
    public void sideLatency(String context, Side side, String outcomeType, Duration latency) {
        Timer.builder("parallelrun.side.latency")
                .description("Each side's processing time per outcome type: its outcome's time minus its intent's")
                .tag("context", context(context)).tag("side", side.wireName())
                .tag("outcome_type", outcomeType(context, outcomeType))
                .publishPercentileHistogram().register(registry).record(latency);
    }

    private Counter authoritative(String context, String side, String status) {
        return Counter.builder("parallelrun.authoritative.outcomes")
                .description("Outcomes published to outcomes.authoritative.v1: the truth per correlation id and outcome type")
                .tag("context", context).tag("side", side).tag("status", status).register(registry);
    }

    private Counter fallbacks(String context, String reason) {
        return Counter.builder("parallelrun.fallbacks")
                .description("Intents legacy was asked to execute for real because the authoritative new service "
                        + "failed or did not answer within the matching window")
                .tag("context", context).tag("reason", reason).register(registry);
    }

    private Counter replayedIntents(String context) {
        return Counter.builder("parallelrun.replayed.intents").description("Intents replayed to both sides")
                .tag("context", context).register(registry);
    }

    private String context(String context) {
        return context != null && outcomeTypesByContext.containsKey(context) ? context : OTHER;
    }

    private String outcomeType(String context, String outcomeType) {
        return context != null && outcomeTypesByContext.getOrDefault(context, List.of()).contains(outcomeType)
                ? outcomeType : OTHER;
    }
}
