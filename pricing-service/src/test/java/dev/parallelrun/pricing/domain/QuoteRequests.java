package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.util.List;

/** Quote requests for tests, starting from the golden one (shared-events {@code golden/quote-requested.json}). */
final class QuoteRequests {

    private QuoteRequests() {
    }

    /** The golden request: home, DE, private, 300 000.00 EUR, glass, theft, roadside and paperless. */
    static QuoteRequest golden() {
        return new QuoteRequest("QTE-1001", "home", "DE", "private", new BigDecimal("300000.00"), "EUR",
                List.of("glass", "theft", "roadside", "paperless"), true);
    }

    static QuoteRequest of(String productLine, String region, String segment, String insuredSum, String... options) {
        return new QuoteRequest("QTE-2001", productLine, region, segment, new BigDecimal(insuredSum), "EUR",
                List.of(options), true);
    }

    static QuoteRequest withInsuredSum(QuoteRequest r, BigDecimal insuredSum) {
        return new QuoteRequest(r.quoteId(), r.productLine(), r.region(), r.customerSegment(), insuredSum, r.currency(),
                r.options(), r.customerNamed());
    }

    static QuoteRequest withSegment(QuoteRequest r, String segment) {
        return new QuoteRequest(r.quoteId(), r.productLine(), r.region(), segment, r.insuredSum(), r.currency(),
                r.options(), r.customerNamed());
    }

    static QuoteRequest withOptions(QuoteRequest r, String... options) {
        return new QuoteRequest(r.quoteId(), r.productLine(), r.region(), r.customerSegment(), r.insuredSum(),
                r.currency(), List.of(options), r.customerNamed());
    }

    static QuoteRequest withoutCustomerName(QuoteRequest r) {
        return new QuoteRequest(r.quoteId(), r.productLine(), r.region(), r.customerSegment(), r.insuredSum(),
                r.currency(), r.options(), false);
    }

    static QuoteRequest withProductLine(QuoteRequest r, String productLine) {
        return new QuoteRequest(r.quoteId(), productLine, r.region(), r.customerSegment(), r.insuredSum(), r.currency(),
                r.options(), r.customerNamed());
    }

    static QuoteRequest withRegion(QuoteRequest r, String region) {
        return new QuoteRequest(r.quoteId(), r.productLine(), region, r.customerSegment(), r.insuredSum(), r.currency(),
                r.options(), r.customerNamed());
    }

    static QuoteRequest withCurrency(QuoteRequest r, String currency) {
        return new QuoteRequest(r.quoteId(), r.productLine(), r.region(), r.customerSegment(), r.insuredSum(), currency,
                r.options(), r.customerNamed());
    }
}
