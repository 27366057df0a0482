package dev.parallelrun.legacysystem.pricing.domain;

import dev.parallelrun.legacysystem.claims.domain.LegacyAmounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The legacy platform's premium model: validates a quote request and prices it, the old way.
 *
 * <ol>
 * <li>base line = insured sum × base rate (line, country) × segment factor, rounded half-up to cents;</li>
 * <li>one line per priced option: a percentage of the base line, or a fixed amount, rounded half-up;</li>
 * <li>discounts (loyalty 5 %, multi-product 3 %, online 2 %) add up and reduce every line, each rounded half-up;</li>
 * <li>insurance tax on every line's net premium, rounded half-up per line, then summed — where a total-based
 * calculation rounds once on the net total and can be a cent or more apart;</li>
 * <li>gross = net + tax.</li>
 * </ol>
 *
 * <p>Deterministic for a request and a quote reference; stateless and thread-safe.
 */
public final class LegacyPremiumModel {

    static final String NOT_OFFERED = "LOB NOT OFFERED IN CTRY";
    static final String NOT_INSURABLE = "RISK NOT INSURABLE";
    static final String REFERRED = "REFERRED TO UNDERWRITER";
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** Why the request cannot be priced at all, in the legacy's words, or empty when it can. */
    public Optional<String> validationProblem(LegacyQuoteForm form) {
        return Optional.ofNullable(problem(form));
    }

    /** Prices a valid request; {@code quoteRef} is the platform's reference for the new quote. */
    public LegacyQuote quote(LegacyQuoteForm form, String quoteRef) {
        String problem = problem(form);
        if (problem != null) {
            throw new IllegalArgumentException("not a valid quote request: " + problem);
        }
        String quoteNo = form.quoteNo().trim();
        String currency = form.ccy().trim();
        String country = upper(form.ctry());
        ProductLine line = ProductLine.of(upper(form.lob()));
        Integer rate = line.rateIn(country);
        InsuranceTax tax = InsuranceTax.of(country);
        if (rate == null || tax == null) {
            return declined(quoteNo, quoteRef, currency, NOT_OFFERED);
        }
        long insuredCents = LegacyAmounts.parseCents(form.sumIns());
        if (insuredCents > line.maximumCents()) {
            return declined(quoteNo, quoteRef, currency, NOT_INSURABLE);
        }
        CustomerSegment segment = CustomerSegment.of(upper(form.seg()));
        Set<PricingOption> options = options(form.opts());

        long base = LegacyRounding.halfUp(Math.multiplyExact(Math.multiplyExact(insuredCents, rate), segment.factorPercent()),
                ProductLine.RATE_SCALE * 100);
        List<Discount> discounts = discounts(segment, options);
        long keepPercent = 100 - discounts.stream().mapToLong(Discount::percent).sum();

        List<PremiumLine> lines = new ArrayList<>();
        lines.add(line(PremiumLine.BASE, base, keepPercent, tax));
        for (PricingOption option : options) {
            if (option.isPriced()) {
                lines.add(line(option.name(), option.premiumCents(base), keepPercent, tax));
            }
        }
        long net = lines.stream().mapToLong(PremiumLine::netCents).sum();
        long taxTotal = lines.stream().mapToLong(PremiumLine::taxCents).sum();
        boolean referred = insuredCents > line.referralAboveCents();
        return new LegacyQuote(quoteNo, referred ? QuoteStatus.REFERRED : QuoteStatus.QUOTED, quoteRef, currency, lines,
                net, taxTotal, net + taxTotal, tax.code(), discounts, referred ? REFERRED : "");
    }

    private static PremiumLine line(String code, long premium, long keepPercent, InsuranceTax tax) {
        long net = LegacyRounding.halfUp(premium * keepPercent, 100);
        return new PremiumLine(code, premium, net, tax.onLine(net));
    }

    private static List<Discount> discounts(CustomerSegment segment, Set<PricingOption> options) {
        List<Discount> discounts = new ArrayList<>();
        if (segment == CustomerSegment.LOYL) {
            discounts.add(Discount.LOYALTY);
        }
        if (options.stream().filter(PricingOption::isPriced).count() >= 2) {
            discounts.add(Discount.MULTI_PRODUCT);
        }
        if (options.contains(PricingOption.EDOC)) {
            discounts.add(Discount.ONLINE);
        }
        return discounts;
    }

    private static LegacyQuote declined(String quoteNo, String quoteRef, String currency, String message) {
        return new LegacyQuote(quoteNo, QuoteStatus.DECLINED, quoteRef, currency, List.of(), 0, 0, 0, "", List.of(), message);
    }

    private static String problem(LegacyQuoteForm form) {
        if (isBlank(form.reqKey())) {
            return "MISSING REQ_KEY";
        }
        if (isBlank(form.quoteNo())) {
            return "MISSING QUOTE_NO";
        }
        if (isBlank(form.lob()) || ProductLine.of(upper(form.lob())) == null) {
            return "INVALID LOB " + nullToBlank(form.lob());
        }
        if (isBlank(form.ctry()) || !COUNTRY.matcher(upper(form.ctry())).matches()) {
            return "INVALID CTRY " + nullToBlank(form.ctry());
        }
        if (isBlank(form.seg()) || CustomerSegment.of(upper(form.seg())) == null) {
            return "INVALID SEG " + nullToBlank(form.seg());
        }
        if (!LegacyAmounts.isAmount(form.sumIns()) || LegacyAmounts.parseCents(form.sumIns()) == 0) {
            return "INVALID SUM_INS " + nullToBlank(form.sumIns());
        }
        if (isBlank(form.ccy()) || !CURRENCY.matcher(form.ccy().trim()).matches()) {
            return "INVALID CCY " + nullToBlank(form.ccy());
        }
        if (options(form.opts()) == null) {
            return "INVALID OPTS " + nullToBlank(form.opts());
        }
        if (isBlank(form.custNm())) {
            return "MISSING CUST_NM";
        }
        return null;
    }

    /**
     * The options of the fixed-width field in their order, trailing padding ignored; {@code null} when the field is
     * not a whole number of known, distinct 4-character codes.
     */
    private static Set<PricingOption> options(String field) {
        String codes = nullToBlank(field).stripTrailing();
        if (codes.length() % PricingOption.CODE_WIDTH != 0) {
            return null;
        }
        Set<PricingOption> options = new LinkedHashSet<>();
        for (int at = 0; at < codes.length(); at += PricingOption.CODE_WIDTH) {
            PricingOption option = PricingOption.of(codes.substring(at, at + PricingOption.CODE_WIDTH).toUpperCase(Locale.ROOT));
            if (option == null || !options.add(option)) {
                return null;
            }
        }
        return options;
    }

    private static String upper(String text) {
        return text.trim().toUpperCase(Locale.ROOT);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String nullToBlank(String text) {
        return text == null ? "" : text;
    }
}
