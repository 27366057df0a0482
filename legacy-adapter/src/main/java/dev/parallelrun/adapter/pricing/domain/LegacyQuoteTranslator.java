package dev.parallelrun.adapter.pricing.domain;

import dev.parallelrun.adapter.shared.domain.LegacyAmounts;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.events.pricing.QuoteRequested;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The anti-corruption layer for pricing: a canonical {@link QuoteRequested} into the legacy quote request, and the
 * legacy answer (or its refusal, or its absence) into the canonical {@link PremiumQuoted} outcome.
 *
 * <p>The adapter translates; it does not judge. Business validation is the legacy platform's: a missing field is sent
 * blank and comes back as a {@code 422}. Only what the legacy vocabulary cannot express is refused here: a segment or
 * an option without a legacy code, an insured sum with more than two decimals.
 */
public final class LegacyQuoteTranslator {

    private static final Map<String, String> SEGMENTS = Map.of(
            "private", "PRIV",
            "loyal", "LOYL",
            "young", "YOUN",
            "business", "BUSI");

    private static final Map<String, String> OPTIONS = Map.of(
            "glass", "GLAS",
            "theft", "THEF",
            "natural-hazards", "ELEM",
            "roadside", "ROAD",
            "legal", "LEGL",
            "paperless", "EDOC");

    private final LegacyQuoteStatusTranslator statuses = new LegacyQuoteStatusTranslator();

    /**
     * The legacy request for a quote.
     *
     * @param requestKey the legacy idempotency key ({@code REQ_KEY}): the intent event's id
     * @throws InvalidQuoteException when the request cannot be expressed in the legacy format
     */
    public LegacyQuoteRequest toLegacyRequest(String requestKey, QuoteRequested quote) {
        if (requestKey == null || requestKey.isBlank()) {
            throw new IllegalArgumentException("a legacy request needs a request key");
        }
        QuoteRequested.Customer customer = quote.customer();
        return new LegacyQuoteRequest(
                requestKey,
                blankIfNull(quote.quoteId()),
                upper(quote.productLine()),
                upper(quote.region()),
                segment(quote.customerSegment()),
                quote.insuredSum() == null ? "" : LegacyAmounts.format("insuredSum", quote.insuredSum(),
                        InvalidQuoteException::new),
                upper(quote.currency()),
                options(quote.requestedOptions()),
                customer == null ? "" : blankIfNull(customer.name()),
                customer == null ? "" : blankIfNull(customer.email()));
    }

    /** The canonical outcome of a legacy call for this quote request. */
    public QuoteOutcome toOutcome(QuoteRequested quote, LegacyQuoteCallResult result) {
        if (result instanceof LegacyQuoteCallResult.Unavailable unavailable) {
            return new QuoteOutcome.Failed(unavailable.failure().reason(), unavailable.detail());
        }
        if (result instanceof LegacyQuoteCallResult.Refused refused) {
            return new QuoteOutcome.Rejected(QuoteOutcome.INVALID_REQUEST, refused.detail());
        }
        LegacyQuoteResponse response = ((LegacyQuoteCallResult.Answered) result).response();
        try {
            if (!statuses.isPriced(response.status())) {
                return new QuoteOutcome.Rejected(statuses.declineReason(response.msg()), response.msg().trim());
            }
            return new QuoteOutcome.Quoted(quoted(quote, response));
        } catch (UnreadableLegacyAnswerException e) {
            return new QuoteOutcome.Failed(LegacyCallFailure.ERROR.reason(),
                    "unreadable legacy answer: " + e.getMessage());
        }
    }

    private PremiumQuoted quoted(QuoteRequested quote, LegacyQuoteResponse response) {
        if (!Objects.equals(quote.quoteId(), response.quoteNo())) {
            throw new UnreadableLegacyAnswerException("answer for QUOTE_NO '" + response.quoteNo()
                    + "' to a request for '" + quote.quoteId() + "'");
        }
        BigDecimal net = LegacyAmounts.parse("NET_PREM", response.netPrem());
        BigDecimal tax = LegacyAmounts.parse("TAX_AMT", response.taxAmt());
        BigDecimal gross = LegacyAmounts.parse("GROSS_PREM", response.grossPrem());
        // legacy taxes every line and sums the rounded taxes: TAX_AMT must be that sum, and the totals must add up
        requireSum("NET_PREM", net, response.lines(), LegacyQuoteResponse.Line::net, "LINES.NET");
        requireSum("TAX_AMT", tax, response.lines(), LegacyQuoteResponse.Line::tax, "LINES.TAX");
        if (gross.compareTo(net.add(tax)) != 0) {
            throw new UnreadableLegacyAnswerException("GROSS_PREM " + gross + " is not NET_PREM + TAX_AMT "
                    + net.add(tax));
        }
        String currency = response.ccy() == null ? "" : response.ccy().trim();
        if (currency.isEmpty()) {
            throw new UnreadableLegacyAnswerException("CCY is blank in a priced quote");
        }
        // legacy's own reference for the quote: generated for every request key it prices (a repeated key gets its
        // first answer back, a simulation remembers nothing), so the same request under two keys differs in it
        String quoteReference = response.quoteRef() == null ? "" : response.quoteRef().trim();
        if (quoteReference.isEmpty()) {
            throw new UnreadableLegacyAnswerException("QUOTE_REF is blank in a priced quote");
        }
        return new PremiumQuoted(quote.quoteId(), quoteReference, gross, net, statuses.taxBasis(response.taxCd()), tax,
                currency, statuses.discountReasons(response.discRsn()), statuses.promotions(response.promo()));
    }

    private static void requireSum(String field, BigDecimal total, List<LegacyQuoteResponse.Line> lines,
            Function<LegacyQuoteResponse.Line, String> amount, String lineField) {
        if (lines.isEmpty()) {
            throw new UnreadableLegacyAnswerException("a priced quote without LINES");
        }
        BigDecimal sum = lines.stream()
                .map(line -> LegacyAmounts.parse(lineField, amount.apply(line)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(total) != 0) {
            throw new UnreadableLegacyAnswerException(field + " " + total + " is not the sum of " + lineField + " " + sum);
        }
    }

    /** The legacy segment code; blank stays blank (legacy refuses it), a segment without a code is refused here. */
    private static String segment(String segment) {
        if (segment == null || segment.isBlank()) {
            return "";
        }
        String code = SEGMENTS.get(segment.trim().toLowerCase(Locale.ROOT));
        if (code == null) {
            throw new InvalidQuoteException("customerSegment '" + segment + "' has no legacy code");
        }
        return code;
    }

    /**
     * The fixed-width option field. An option without a legacy code is refused: it cannot be written in 4-character
     * slots without changing what the others mean. A repeated option is written twice, for legacy to refuse.
     */
    private static String options(List<String> options) {
        StringBuilder field = new StringBuilder();
        for (String option : options) {
            String code = option == null ? null : OPTIONS.get(option.trim().toLowerCase(Locale.ROOT));
            if (code == null) {
                throw new InvalidQuoteException("requested option '" + option + "' has no legacy code");
            }
            field.append(code);
        }
        return field.toString();
    }

    private static String upper(String text) {
        return blankIfNull(text).trim().toUpperCase(Locale.ROOT);
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text;
    }
}
