package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a quote request and prices it, the new way.
 *
 * <ol>
 * <li>base line = insured sum × base rate (line, country) × segment factor;</li>
 * <li>one line per priced option: a percentage of the base line, or a fixed amount;</li>
 * <li>the discounts that apply (loyalty 5 %, multi-product 3 %, online 2 %) add up and reduce every line;</li>
 * <li>every line is rounded to the cent (half-up, the tariff's rule); the net premium is their sum;</li>
 * <li>insurance tax on the net total, rounded once, half-even; gross = net + tax.</li>
 * </ol>
 *
 * <p>Deterministic in the request; stateless and thread-safe.
 */
public final class PremiumCalculator {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    public QuoteDecision quote(QuoteRequest request) {
        List<String> problems = new ArrayList<>();
        Optional<ProductLine> line = ProductLine.of(request.productLine());
        Optional<CustomerSegment> segment = CustomerSegment.of(request.customerSegment());
        Set<PricingOption> options = new LinkedHashSet<>();
        requireText(problems, "quoteId", request.quoteId());
        if (line.isEmpty()) {
            problems.add("productLine '" + request.productLine() + "' is not a line of business");
        }
        String country = upper(request.region());
        if (!COUNTRY.matcher(country).matches()) {
            problems.add("region '" + request.region() + "' is not a country code");
        }
        if (segment.isEmpty()) {
            problems.add("customerSegment '" + request.customerSegment() + "' is not a segment");
        }
        checkInsuredSum(problems, request.insuredSum());
        String currency = upper(request.currency());
        if (!CURRENCY.matcher(currency).matches()) {
            problems.add("currency '" + request.currency() + "' is not a currency code");
        }
        for (String code : request.options()) {
            Optional<PricingOption> option = PricingOption.of(code);
            if (option.isEmpty()) {
                problems.add("option '" + code + "' is not offered");
            } else if (!options.add(option.get())) {
                problems.add("option '" + code + "' is requested twice");
            }
        }
        if (!request.customerNamed()) {
            problems.add("customer name is required");
        }
        if (!problems.isEmpty()) {
            return new QuoteDecision.Rejected(RejectionReason.INVALID_REQUEST, String.join("; ", problems));
        }
        return price(request.quoteId(), line.get(), country, segment.get(), request.insuredSum(), currency, options);
    }

    private static QuoteDecision price(String quoteId, ProductLine line, String country, CustomerSegment segment,
            BigDecimal insuredSum, String currency, Set<PricingOption> options) {
        Optional<BigDecimal> perMille = line.perMilleIn(country);
        Optional<InsuranceTax> tax = InsuranceTax.in(country);
        if (perMille.isEmpty() || tax.isEmpty()) {
            return new QuoteDecision.Rejected(RejectionReason.NOT_OFFERED,
                    line.name().toLowerCase(Locale.ROOT) + " is not offered in " + country);
        }
        if (!line.isInsurable(insuredSum)) {
            return new QuoteDecision.Rejected(RejectionReason.UNINSURABLE,
                    "insured sum " + insuredSum.toPlainString() + " is above the line's maximum");
        }
        BigDecimal base = Money.cents(insuredSum.multiply(perMille.get()).movePointLeft(3).multiply(segment.factor()));
        List<Discount> discounts = discounts(segment, options);
        BigDecimal keep = HUNDRED.subtract(discounts.stream().map(Discount::percent).reduce(BigDecimal.ZERO, BigDecimal::add));

        List<PremiumLine> lines = new ArrayList<>();
        lines.add(line(PremiumLine.BASE, base, keep));
        for (PricingOption option : options) {
            if (option.isPriced()) {
                lines.add(line(option.code(), option.premium(base), keep));
            }
        }
        BigDecimal net = lines.stream().map(PremiumLine::net).reduce(BigDecimal.ZERO.setScale(Money.SCALE), BigDecimal::add);
        BigDecimal taxAmount = tax.get().on(net);
        Premium premium = new Premium(lines, net, tax.get().basis(), taxAmount, net.add(taxAmount), discounts,
                promotions(discounts, options));
        return new QuoteDecision.Quoted(quoteId, currency, premium, line.refersToUnderwriter(insuredSum));
    }

    private static PremiumLine line(String code, BigDecimal premium, BigDecimal keepPercent) {
        return new PremiumLine(code, premium, Money.cents(premium.multiply(keepPercent).movePointLeft(2)));
    }

    private static List<Discount> discounts(CustomerSegment segment, Set<PricingOption> options) {
        List<Discount> discounts = new ArrayList<>();
        if (segment == CustomerSegment.LOYAL) {
            discounts.add(Discount.LOYALTY);
        }
        if (options.stream().filter(PricingOption::isPriced).count() >= 2) {
            discounts.add(Discount.MULTI_PRODUCT);
        }
        if (options.contains(PricingOption.PAPERLESS)) {
            discounts.add(Discount.ONLINE);
        }
        return discounts;
    }

    /** The promotions that granted the discounts, and those the options mark the quote with on their own. */
    private static Set<String> promotions(List<Discount> discounts, Set<PricingOption> options) {
        Set<String> promotions = new LinkedHashSet<>();
        discounts.forEach(discount -> promotions.add(discount.promotion()));
        options.forEach(option -> option.promotion().ifPresent(promotions::add));
        return promotions;
    }

    private static void checkInsuredSum(List<String> problems, BigDecimal insuredSum) {
        if (insuredSum == null) {
            problems.add("insuredSum is required");
            return;
        }
        if (insuredSum.signum() <= 0) {
            problems.add("insuredSum must be positive");
        }
        if (insuredSum.stripTrailingZeros().scale() > Money.SCALE) {
            problems.add("insuredSum must have at most 2 decimal places");
        }
    }

    private static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        }
    }

    private static String upper(String text) {
        return text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    }
}
