package dev.parallelrun.adapter.shared.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyOutcomeCounterTest {

    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final LegacyOutcomeCounter counter = new LegacyOutcomeCounter(meterRegistry, "pricing",
            List.of("uninsurable", "not-offered"));

    @Test
    void labelsTheContextsCanonicalReasonsAndTheCallFailuresAsThemselves() {
        assertThat(counter.reasonTag("uninsurable")).isEqualTo("uninsurable");
        assertThat(counter.reasonTag("legacy-timeout")).isEqualTo("legacy-timeout");
        assertThat(counter.reasonTag("legacy-error")).isEqualTo("legacy-error");
    }

    @Test
    void countsAReasonOutsideTheCanonicalOnesAsOtherSoTheMetricStaysBounded() {
        assertThat(counter.reasonTag("unknown-policy")).isEqualTo("other");
        assertThat(counter.reasonTag("anything a legacy message might say")).isEqualTo("other");
        assertThat(counter.reasonTag(null)).isEqualTo("other");

        counter.rejected("RISK NOT INSURABLE AT ALL");

        assertThat(meterRegistry.get("legacy.adapter.outcomes").tags("context", "pricing", "status", "rejected",
                "reason", "other").counter().count()).isOne();
    }

    @Test
    void countsEachOutcomeUnderItsContextAndStatus() {
        counter.completed();
        counter.failed("legacy-timeout");

        assertThat(meterRegistry.get("legacy.adapter.outcomes").tags("context", "pricing", "status", "completed",
                "reason", "none").counter().count()).isOne();
        assertThat(meterRegistry.get("legacy.adapter.outcomes").tags("context", "pricing", "status", "failed",
                "reason", "legacy-timeout").counter().count()).isOne();
    }
}
