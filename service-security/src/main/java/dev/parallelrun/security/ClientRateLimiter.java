package dev.parallelrun.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per client (a channel, a user, an IP address), from Bucket4j: {@code capacity} requests
 * at once, refilled at {@code capacity} per {@code period}. The buckets of the least recently seen clients
 * are forgotten beyond {@code maxClients}, so a flood of distinct clients cannot exhaust memory.
 */
public final class ClientRateLimiter {

    private final long capacity;
    private final Duration period;
    private final Map<String, Bucket> buckets;

    public ClientRateLimiter(long capacity, Duration period, int maxClients) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.period = period;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Takes one token of the client's bucket; answers how long to wait when there is none. */
    public Optional<Duration> tryAcquire(String client) {
        ConsumptionProbe probe = bucket(client).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Whether the client has a token left, without taking it; otherwise how long until it has one. */
    public Optional<Duration> check(String client) {
        Bucket bucket = bucket(client);
        if (bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    private Bucket bucket(String client) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(client, key -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                    .build());
        }
    }

    /** Whole seconds for {@code Retry-After}, rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
