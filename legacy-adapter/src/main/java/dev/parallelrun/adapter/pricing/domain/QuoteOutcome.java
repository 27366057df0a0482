package dev.parallelrun.adapter.pricing.domain;

import dev.parallelrun.events.pricing.PremiumQuoted;

/** The canonical result of one quote on the legacy side: the {@code PremiumQuoted} outcome and its status. */
public sealed interface QuoteOutcome {

    /** Canonical reason: the insured sum is above what the line insures at all. */
    String UNINSURABLE = "uninsurable";
    /** Canonical reason: the line of business is not offered in the country. */
    String NOT_OFFERED = "not-offered";
    /** Canonical reason: the request itself is invalid. */
    String INVALID_REQUEST = "invalid-request";

    /** Legacy priced the quote ({@code Q1}, or {@code Q2} referred): {@code completed}. */
    record Quoted(PremiumQuoted quote) implements QuoteOutcome {
    }

    /** Legacy did not price the quote ({@code E7}, or a {@code 422}): {@code rejected}. */
    record Rejected(String reason, String detail) implements QuoteOutcome {
    }

    /** Legacy could not answer for a technical reason: {@code failed}. */
    record Failed(String reason, String detail) implements QuoteOutcome {
    }
}
