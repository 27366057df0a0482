package dev.parallelrun.events.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * Intent: a channel asked for a premium quote. {@code insuredSum} is an exact decimal with at most 2 places;
 * {@code requestedOptions} are option codes such as {@code glass} or {@code roadside}, in the order the channel
 * listed them.
 */
public record QuoteRequested(
        String quoteId,
        String productLine,
        String region,
        String customerSegment,
        BigDecimal insuredSum,
        String currency,
        List<String> requestedOptions,
        Customer customer) {

    public QuoteRequested {
        requestedOptions = requestedOptions == null ? List.of() : List.copyOf(requestedOptions);
    }

    /** Personal data: redacted wherever the platform stores or logs it. */
    public record Customer(String name, String email) {
    }
}
