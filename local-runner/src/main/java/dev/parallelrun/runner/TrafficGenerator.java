package dev.parallelrun.runner;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts claims through the ingress at a steady rate, as a channel system would. */
final class TrafficGenerator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

    private final URI endpoint;
    private final String apiKey;
    private final double ratePerSecond;
    private final ClaimScenarios scenarios;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "traffic-generator");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<ClaimScenarios.Kind, LongAdder> byKind = new ConcurrentHashMap<>();

    TrafficGenerator(URI ingress, String apiKey, double ratePerSecond, long seed, Clock clock) {
        this.endpoint = ingress.resolve("/api/v1/intents/ClaimSubmitted");
        this.apiKey = apiKey;
        this.ratePerSecond = ratePerSecond;
        this.scenarios = new ClaimScenarios(seed);
        this.clock = clock;
    }

    void start() {
        long periodMicros = Math.max(1, Math.round(1_000_000 / ratePerSecond));
        scheduler.scheduleAtFixedRate(this::postOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void postOne() {
        // bounded: if the platform falls behind, skip a tick instead of queueing without limit
        if (inFlight.get() > 200) {
            return;
        }
        ClaimScenarios.Claim claim = scenarios.next(LocalDate.now(clock));
        byKind.computeIfAbsent(claim.kind(), k -> new LongAdder()).increment();
        String key = claim.kind() == ClaimScenarios.Kind.IDEMPOTENT_RETRY ? UUID.randomUUID().toString() : null;
        send(claim, key, claim.kind() == ClaimScenarios.Kind.IDEMPOTENT_RETRY);
    }

    private void send(ClaimScenarios.Claim claim, String idempotencyKey, boolean retryAfterwards) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header(Headers.API_KEY, apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.standard().mapper().writeValueAsBytes(claim.body())));
        if (idempotencyKey != null) {
            request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
        }
        inFlight.incrementAndGet();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                failed.increment();
                log.debug("posting {} failed: {}", claim.claimId(), error.toString());
                return;
            }
            if (response.statusCode() == 202) {
                accepted.increment();
                if (retryAfterwards) {
                    // a channel retrying after a lost answer: same key, same body, no second event
                    send(claim, idempotencyKey, false);
                }
            } else {
                rejected.increment();
                log.info("ingress answered {} for {}: {}", response.statusCode(), claim.claimId(), response.body());
            }
        });
    }

    long accepted() {
        return accepted.sum();
    }

    long rejected() {
        return rejected.sum();
    }

    long failed() {
        return failed.sum();
    }

    Map<ClaimScenarios.Kind, Long> generatedByKind() {
        Map<ClaimScenarios.Kind, Long> counts = new java.util.EnumMap<>(ClaimScenarios.Kind.class);
        byKind.forEach((kind, adder) -> counts.put(kind, adder.sum()));
        return counts;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
