package dev.parallelrun.ingress.intent.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The ingress's meters: intents accepted (by type; replays of idempotent retries tagged as such),
 * requests rejected (by HTTP status and reason) and how long the broker took to acknowledge.
 */
public final class IngressMetrics {

    public static final String ACCEPTED = "ingress.intents.accepted";
    public static final String REJECTED = "ingress.intents.rejected";
    public static final String PUBLISH = "ingress.intents.publish";

    private final MeterRegistry registry;

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String eventType, boolean replayed) {
        Counter.builder(ACCEPTED)
                .description("Intents answered with 202, by CloudEvents type")
                .tag("type", eventType)
                .tag("replayed", Boolean.toString(replayed))
                .register(registry)
                .increment();
    }

    public void rejected(int status, String reason) {
        Counter.builder(REJECTED)
                .description("Intent requests answered with an error, by status and reason")
                .tag("status", Integer.toString(status))
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public void published(String eventType, boolean acknowledged, Duration latency) {
        Timer.builder(PUBLISH)
                .description("Time until the broker acknowledged (or failed) an intent")
                .tag("type", eventType)
                .tag("outcome", acknowledged ? "acknowledged" : "failed")
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }
}
