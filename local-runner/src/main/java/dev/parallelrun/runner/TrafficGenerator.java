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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts intents of both contexts through the ingress at a steady rate, as channel systems would: two claims for
 * every quote request.
 */
final class TrafficGenerator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

    /** Every how many intents one is a quote request (the rest are claims). */
    private static final int QUOTE_EVERY = 3;

    private final URI claimsEndpoint;
    private final URI quotesEndpoint;
    private final String apiKey;
    private final double ratePerSecond;
    private final ClaimScenarios scenarios;
    private final QuoteScenarios quotes;
    private final AtomicLong ticks = new AtomicLong();
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
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticking;

    TrafficGenerator(URI ingress, String apiKey, double ratePerSecond, long seed, Clock clock) {
        this.claimsEndpoint = ingress.resolve("/api/v1/intents/ClaimSubmitted");
        this.quotesEndpoint = ingress.resolve("/api/v1/intents/QuoteRequested");
        this.apiKey = apiKey;
        this.ratePerSecond = ratePerSecond;
        this.scenarios = new ClaimScenarios(seed);
        this.quotes = new QuoteScenarios(seed);
        this.clock = clock;
    }

    void start() {
        rate(ratePerSecond);
    }

    /** Posts at this rate from now on (a benchmark steps through rates in one run, after one warm-up). */
    synchronized void rate(double intentsPerSecond) {
        if (!(intentsPerSecond > 0)) {
            throw new IllegalArgumentException("a rate is a positive number of intents per second, got "
                    + intentsPerSecond);
        }
        if (ticking != null) {
            ticking.cancel(false);
        }
        long periodMicros = Math.max(1, Math.round(1_000_000 / intentsPerSecond));
        ticking = scheduler.scheduleAtFixedRate(this::postOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void postOne() {
        // bounded: if the platform falls behind, skip a tick instead of queueing without limit
        if (inFlight.get() > 200) {
            return;
        }
        if (ticks.incrementAndGet() % QUOTE_EVERY == 0) {
            QuoteScenarios.Quote quote = quotes.next();
            byKind.computeIfAbsent("pricing/" + quote.kind(), k -> new LongAdder()).increment();
            send(quotesEndpoint, quote.quoteId(), quote.body(), null, false);
            return;
        }
        ClaimScenarios.Claim claim = scenarios.next(LocalDate.now(clock));
        byKind.computeIfAbsent("claims/" + claim.kind(), k -> new LongAdder()).increment();
        String key = claim.kind() == ClaimScenarios.Kind.IDEMPOTENT_RETRY ? UUID.randomUUID().toString() : null;
        send(claimsEndpoint, claim.claimId(), claim.body(), key, claim.kind() == ClaimScenarios.Kind.IDEMPOTENT_RETRY);
    }

    private void send(URI endpoint, String businessId, Map<String, Object> body, String idempotencyKey,
            boolean retryAfterwards) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header(Headers.API_KEY, apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.standard().mapper().writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
        }
        inFlight.incrementAndGet();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                failed.increment();
                log.debug("posting {} failed: {}", businessId, error.toString());
                return;
            }
            if (response.statusCode() == 202) {
                accepted.increment();
                if (retryAfterwards) {
                    // a channel retrying after a lost answer: same key, same body, no second event
                    send(endpoint, businessId, body, idempotencyKey, false);
                }
            } else {
                rejected.increment();
                log.info("ingress answered {} for {}: {}", response.statusCode(), businessId, response.body());
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

    /** Intents generated per context and scenario, e.g. {@code claims/CLEAN}, {@code pricing/PAPERLESS}. */
    Map<String, Long> generatedByKind() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        byKind.forEach((kind, adder) -> counts.put(kind, adder.sum()));
        return counts;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
