package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * A request for a premium quote, in the domain's terms. Codes are the canonical ones ({@code home}, {@code DE},
 * {@code loyal}, {@code roadside}); nothing is validated yet.
 *
 * @param options        the requested options in the order the channel listed them
 * @param customerNamed  whether the request names the customer: a quote is made out to a person, but pricing needs
 *                       no personal data, so the name itself stays outside the domain
 */
public record QuoteRequest(
        String quoteId,
        String productLine,
        String region,
        String customerSegment,
        BigDecimal insuredSum,
        String currency,
        List<String> options,
        boolean customerNamed) {

    public QuoteRequest {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
