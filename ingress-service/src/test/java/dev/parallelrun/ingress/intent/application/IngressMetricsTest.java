package dev.parallelrun.ingress.intent.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.IntentType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngressMetricsTest {

    private static final IntentType CLAIM = new IntentType("ClaimSubmitted", "claims", 1);
    private static final IntentType QUOTE = new IntentType("QuoteRequested", "pricing", 1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngressMetrics metrics = new IngressMetrics(registry);

    @Test
    void countsEachIntentTypeAndFlagInItsOwnSeries() {
        metrics.accepted(CLAIM.eventType(), false);
        metrics.accepted(CLAIM.eventType(), false);
        metrics.accepted(CLAIM.eventType(), true);
        metrics.accepted(QUOTE.eventType(), false);
        metrics.sampled(CLAIM, true);
        metrics.sampled(CLAIM, false);
        metrics.sampled(CLAIM, false);
        metrics.sampled(QUOTE, true);

        assertThat(accepted(CLAIM, false)).isEqualTo(2);
        assertThat(accepted(CLAIM, true)).isEqualTo(1);
        assertThat(accepted(QUOTE, false)).isEqualTo(1);
        assertThat(accepted(QUOTE, true)).isZero();
        assertThat(sampled(CLAIM, true)).isEqualTo(1);
        assertThat(sampled(CLAIM, false)).isEqualTo(2);
        assertThat(sampled(QUOTE, true)).isEqualTo(1);
        assertThat(sampled(QUOTE, false)).isZero();
    }

    @Test
    void timesAcknowledgedAndFailedPublishesApart() {
        metrics.published(CLAIM.eventType(), true, Duration.ofMillis(4));
        metrics.published(CLAIM.eventType(), true, Duration.ofMillis(6));
        metrics.published(CLAIM.eventType(), false, Duration.ofSeconds(5));
        metrics.published(QUOTE.eventType(), false, Duration.ofSeconds(5));

        var acknowledged = registry.get(IngressMetrics.PUBLISH)
                .tags("type", CLAIM.eventType(), "outcome", "acknowledged").timer();
        assertThat(acknowledged.count()).isEqualTo(2);
        assertThat(acknowledged.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(10);
        assertThat(registry.get(IngressMetrics.PUBLISH).tags("type", CLAIM.eventType(), "outcome", "failed").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(IngressMetrics.PUBLISH).tags("type", QUOTE.eventType(), "outcome", "failed").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(IngressMetrics.PUBLISH).tags("type", QUOTE.eventType(), "outcome", "acknowledged")
                .timer().count()).isZero();
    }

    private double accepted(IntentType type, boolean replayed) {
        return registry.get(IngressMetrics.ACCEPTED)
                .tags("type", type.eventType(), "replayed", Boolean.toString(replayed)).counter().count();
    }

    private double sampled(IntentType type, boolean inSample) {
        return registry.get(IngressMetrics.SAMPLED).tags("context", type.boundedContext(), "intent", type.name(),
                "sampled", Boolean.toString(inSample)).counter().count();
    }
}
