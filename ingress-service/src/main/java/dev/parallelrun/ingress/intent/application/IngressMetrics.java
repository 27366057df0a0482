package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.events.IntentType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingress's meters: intents accepted (by type; replays of idempotent retries tagged as such), intents
 * published in or out of the parallel run's sample (by context and intent type),
 * requests rejected (by HTTP status and reason) and how long the broker took to acknowledge.
 *
 * <p>The meters of an accepted intent are looked up once per event type and kept: building a meter's id (its tags
 * sorted) on every intent cost about 1 % of the ingress's CPU. Event types come from the intent catalog, so the
 * kept meters are bounded by it.
 */
public final class IngressMetrics {

    public static final String ACCEPTED = "ingress.intents.accepted";
    public static final String REJECTED = "ingress.intents.rejected";
    public static final String PUBLISH = "ingress.intents.publish";
    public static final String SAMPLED = "ingress.intents.sampled";

    private final MeterRegistry registry;
    private final Map<String, List<Counter>> acceptedByEventType = new ConcurrentHashMap<>();
    private final Map<IntentType, List<Counter>> sampledByType = new ConcurrentHashMap<>();
    private final Map<String, List<Timer>> publishedByEventType = new ConcurrentHashMap<>();

    /** Every rejection the ingress answers with, by status and reason (the reasons of {@code Problems}). */
    private static final java.util.List<java.util.Map.Entry<Integer, String>> KNOWN_REJECTIONS = java.util.List.of(
            java.util.Map.entry(400, "malformed-json"), java.util.Map.entry(400, "invalid-header"),
            java.util.Map.entry(401, "missing-api-key"), java.util.Map.entry(401, "unknown-api-key"),
            java.util.Map.entry(403, "forbidden"), java.util.Map.entry(404, "unknown-intent-type"),
            java.util.Map.entry(409, "idempotency-conflict"),
            java.util.Map.entry(409, "correlation-id-conflict"), java.util.Map.entry(413, "payload-too-large"),
            java.util.Map.entry(415, "unsupported-media-type"), java.util.Map.entry(422, "invalid-intent"),
            java.util.Map.entry(422, "invalid-sampling-rate"),
            java.util.Map.entry(429, "too-many-requests"),
            java.util.Map.entry(503, "not-durable"), java.util.Map.entry(503, "authority-not-known"));

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
        // rejections are rare: their series exist from the start (at zero), so a rate sees the first one
        for (var rejection : KNOWN_REJECTIONS) {
            rejectedCounter(rejection.getKey(), rejection.getValue());
        }
    }

    /** Registers the accepted-intent series of an intent type at zero, before its first intent. */
    public void registerIntentType(IntentType type) {
        acceptedCounter(type.eventType(), false);
        acceptedCounter(type.eventType(), true);
        sampledCounter(type, true);
        sampledCounter(type, false);
    }

    /** An intent published in the parallel run's sample ({@code sampled=true}) or left out of it. */
    public void sampled(IntentType type, boolean inSample) {
        sampledByType.computeIfAbsent(type, t -> List.of(sampledCounter(t, false), sampledCounter(t, true)))
                .get(inSample ? 1 : 0).increment();
    }

    private Counter sampledCounter(IntentType type, boolean inSample) {
        return Counter.builder(SAMPLED)
                .description("Intents published, by whether the new service processes them (sampled=false: left out)")
                .tag("context", type.boundedContext())
                .tag("intent", type.name())
                .tag("sampled", Boolean.toString(inSample))
                .register(registry);
    }

    public void accepted(String eventType, boolean replayed) {
        acceptedByEventType.computeIfAbsent(eventType,
                        type -> List.of(acceptedCounter(type, false), acceptedCounter(type, true)))
                .get(replayed ? 1 : 0).increment();
    }

    public void rejected(int status, String reason) {
        rejectedCounter(status, reason).increment();
    }

    private Counter acceptedCounter(String eventType, boolean replayed) {
        return Counter.builder(ACCEPTED)
                .description("Intents answered with 202, by CloudEvents type")
                .tag("type", eventType)
                .tag("replayed", Boolean.toString(replayed))
                .register(registry);
    }

    private Counter rejectedCounter(int status, String reason) {
        return Counter.builder(REJECTED)
                .description("Intent requests answered with an error, by status and reason")
                .tag("status", Integer.toString(status))
                .tag("reason", reason)
                .register(registry);
    }

    public void published(String eventType, boolean acknowledged, Duration latency) {
        publishedByEventType.computeIfAbsent(eventType,
                        type -> List.of(publishTimer(type, "failed"), publishTimer(type, "acknowledged")))
                .get(acknowledged ? 1 : 0).record(latency);
    }

    private Timer publishTimer(String eventType, String outcome) {
        return Timer.builder(PUBLISH)
                .description("Time until the broker acknowledged (or failed) an intent")
                .tag("type", eventType)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
