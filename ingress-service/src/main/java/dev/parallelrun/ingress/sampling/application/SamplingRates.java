package dev.parallelrun.ingress.sampling.application;

import dev.parallelrun.ingress.sampling.domain.SamplingRate;
import java.time.Instant;
import java.util.List;

/** Where the sampling rates are kept, shared by every ingress instance. */
public interface SamplingRates {

    /** Every rate set so far; an intent type without one is sampled at 100 %. */
    List<SamplingRate> all();

    /** Sets (or replaces) the rate of an intent type. */
    void save(SamplingRate rate, String changedBy, Instant changedAt);
}
