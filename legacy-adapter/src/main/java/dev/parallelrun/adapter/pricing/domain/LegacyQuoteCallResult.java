package dev.parallelrun.adapter.pricing.domain;

import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;

/** How a quote call on the legacy platform ended: an answer, a refusal of the request, or no answer at all. */
public sealed interface LegacyQuoteCallResult {

    /** The platform answered {@code 200} (which may still be a decline in its {@code STATUS}). */
    record Answered(LegacyQuoteResponse response) implements LegacyQuoteCallResult {
    }

    /**
     * The platform refused the request as sent ({@code 422}, problem type {@code invalid-quote-request}).
     *
     * @param detail the problem's {@code detail}, e.g. {@code INVALID SEG VIP}
     */
    record Refused(String detail) implements LegacyQuoteCallResult {
    }

    /** No usable answer after the bounded retries. */
    record Unavailable(LegacyCallFailure failure, String detail) implements LegacyQuoteCallResult {
    }
}
