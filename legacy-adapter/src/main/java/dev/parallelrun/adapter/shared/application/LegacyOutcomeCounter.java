package dev.parallelrun.adapter.shared.application;

import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counts the outcomes a legacy handler decided: {@code legacy.adapter.outcomes{context, status, reason}}. The reason
 * label stays bounded: a reason outside the context's canonical ones and the call failures is counted as
 * {@value #OTHER}.
 */
public final class LegacyOutcomeCounter {

    static final String OTHER = "other";
    private static final String NONE = "none";

    private final MeterRegistry meterRegistry;
    private final String context;
    private final Set<String> reasons;

    /** @param canonicalReasons the reasons of the context's {@code rejected} outcomes */
    public LegacyOutcomeCounter(MeterRegistry meterRegistry, String context, Collection<String> canonicalReasons) {
        this.meterRegistry = meterRegistry;
        this.context = context;
        this.reasons = Stream.of(Stream.of(NONE), canonicalReasons.stream(),
                        Stream.of(LegacyCallFailure.values()).map(LegacyCallFailure::reason))
                .flatMap(reason -> reason)
                .collect(Collectors.toUnmodifiableSet());
    }

    public void completed() {
        count("completed", NONE);
    }

    public void rejected(String reason) {
        count("rejected", reason);
    }

    public void failed(String reason) {
        count("failed", reason);
    }

    /** The label of a reason: itself if canonical, {@value #OTHER} otherwise. */
    public String reasonTag(String reason) {
        return reason != null && reasons.contains(reason) ? reason : OTHER;
    }

    private void count(String status, String reason) {
        meterRegistry.counter("legacy.adapter.outcomes", "context", context, "status", status,
                "reason", reasonTag(reason)).increment();
    }
}
