package dev.parallelrun.adapter.pricing.application;

import dev.parallelrun.adapter.pricing.domain.LegacyQuoteCallResult;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteRequest;
import dev.parallelrun.adapter.shared.domain.LegacyMode;

/** The legacy pricing platform, as the adapter calls it: with bounded retries, never throwing for technical failures. */
public interface LegacyPricingSystem {

    /**
     * Prices a quote, for real ({@link LegacyMode#POST}: journalled, posted, its quote letter sent, once per request
     * key) or simulated ({@link LegacyMode#SIMULATE}: the same quote, nothing else); a repeated request key yields the
     * platform's first real answer again (its journal).
     */
    LegacyQuoteCallResult quote(LegacyQuoteRequest request, LegacyMode mode);
}
