package dev.parallelrun.ingress.sampling.application;

import dev.parallelrun.events.IntentType;
import dev.parallelrun.ingress.intent.application.IntentSampling;
import dev.parallelrun.ingress.sampling.domain.SamplingRate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an intent is in the parallel run's sample, with the rates of {@link SamplingRates} read
 * through a cache that is refreshed when older than {@code refresh}: a rate changed on this instance takes
 * effect at once, one changed on another instance within {@code refresh}, without a restart. When the rates
 * cannot be read, the last ones read stay in force (until then: every intent is in the sample).
 */
public class IntentSampler implements IntentSampling {

    private static final Logger log = LoggerFactory.getLogger(IntentSampler.class);

    private final SamplingRates rates;
    private final Duration refresh;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public IntentSampler(SamplingRates rates, Duration refresh, Clock clock) {
        this.rates = rates;
        this.refresh = refresh;
        this.clock = clock;
    }

    private record Snapshot(Map<String, Integer> basisPoints, Instant readAt) {
    }

    /** Whether the new service processes the intent with that correlation id. */
    @Override
    public boolean inSample(IntentType type, String correlationId) {
        return rateOf(type).selects(correlationId);
    }

    /** The rate of an intent type in force on this instance. */
    public SamplingRate rateOf(IntentType type) {
        Integer basisPoints = current().basisPoints().get(key(type.boundedContext(), type.name()));
        return new SamplingRate(type.boundedContext(), type.name(), basisPoints == null ? SamplingRate.ALL : basisPoints);
    }

    /** Every rate set so far, read now. */
    public List<SamplingRate> configured() {
        return rates.all();
    }

    /** Sets a rate; it is in force on this instance when this returns. */
    public void set(SamplingRate rate, String changedBy) {
        rates.save(rate, changedBy, clock.instant());
        log.info("Sampling rate of {}.{} set to {} % by {}", rate.boundedContext(), rate.intentType(),
                rate.percent().toPlainString(), changedBy);
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        if (known != null && known.readAt().plus(refresh).isAfter(now)) {
            return known;
        }
        synchronized (this) {
            known = snapshot;
            if (known != null && known.readAt().plus(refresh).isAfter(now)) {
                return known;
            }
            try {
                Map<String, Integer> read = new HashMap<>();
                rates.all().forEach(rate -> read.put(key(rate.boundedContext(), rate.intentType()), rate.basisPoints()));
                known = new Snapshot(Map.copyOf(read), now);
            } catch (RuntimeException e) {
                log.warn("Could not read the sampling rates; keeping the ones read at {}: {}",
                        known == null ? "never (every intent is sampled)" : known.readAt(), e.toString());
                known = new Snapshot(known == null ? Map.of() : known.basisPoints(), now);
            }
            snapshot = known;
            return known;
        }
    }

    private static String key(String boundedContext, String intentType) {
        return boundedContext + "/" + intentType;
    }
}
