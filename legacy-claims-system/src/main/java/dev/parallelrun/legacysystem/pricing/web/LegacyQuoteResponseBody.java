package dev.parallelrun.legacysystem.pricing.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.parallelrun.legacysystem.claims.domain.LegacyAmounts;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuote;
import dev.parallelrun.legacysystem.pricing.domain.PremiumLine;
import java.util.List;

/** The legacy quote response body: upper-case field names, amounts as strings, codes in fixed-width fields. */
@JsonPropertyOrder({"QUOTE_NO", "STATUS", "QUOTE_REF", "CCY", "NET_PREM", "TAX_AMT", "GROSS_PREM", "TAX_CD", "DISC_RSN",
        "PROMO", "MSG", "LINES"})
record LegacyQuoteResponseBody(
        @JsonProperty("QUOTE_NO") String quoteNo,
        @JsonProperty("STATUS") String status,
        @JsonProperty("QUOTE_REF") String quoteRef,
        @JsonProperty("CCY") String ccy,
        @JsonProperty("NET_PREM") String netPrem,
        @JsonProperty("TAX_AMT") String taxAmt,
        @JsonProperty("GROSS_PREM") String grossPrem,
        @JsonProperty("TAX_CD") String taxCd,
        @JsonProperty("DISC_RSN") String discRsn,
        @JsonProperty("PROMO") String promo,
        @JsonProperty("MSG") String msg,
        @JsonProperty("LINES") List<Line> lines) {

    @JsonPropertyOrder({"LINE_CD", "PREM", "NET", "TAX"})
    record Line(@JsonProperty("LINE_CD") String lineCd, @JsonProperty("PREM") String prem,
            @JsonProperty("NET") String net, @JsonProperty("TAX") String tax) {

        static Line of(PremiumLine line) {
            return new Line(line.code(), LegacyAmounts.format(line.premiumCents()), LegacyAmounts.format(line.netCents()),
                    LegacyAmounts.format(line.taxCents()));
        }
    }

    static LegacyQuoteResponseBody of(LegacyQuote quote) {
        return new LegacyQuoteResponseBody(quote.quoteNo(), quote.status().code(), quote.quoteRef(), quote.currency(),
                LegacyAmounts.format(quote.netCents()), LegacyAmounts.format(quote.taxCents()),
                LegacyAmounts.format(quote.grossCents()), quote.taxCode(), quote.discountReasonField(),
                quote.promotionField(), quote.message(), quote.lines().stream().map(Line::of).toList());
    }
}
