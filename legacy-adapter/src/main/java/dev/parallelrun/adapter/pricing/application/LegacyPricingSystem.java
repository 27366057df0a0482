package dev.parallelrun.adapter.pricing.application;

import dev.parallelrun.adapter.pricing.domain.LegacyQuoteCallResult;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteRequest;

/** The legacy pricing platform, as the adapter calls it: with bounded retries, never throwing for technical failures. */
public interface LegacyPricingSystem {

    /** Prices a quote; a repeated request key yields the platform's first answer again (its journal). */
    LegacyQuoteCallResult quote(LegacyQuoteRequest request);
}
