package dev.parallelrun.legacysystem.pricing.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuoteForm;

/**
 * The legacy quote request body: upper-case field names, every value a string. {@code MODE} ({@code POST} or
 * {@code SIMULATE}, absent for callers older than it: {@code POST}) says whether the transaction runs for real.
 */
record LegacyQuoteRequestBody(
        @JsonProperty("REQ_KEY") String reqKey,
        @JsonProperty("QUOTE_NO") String quoteNo,
        @JsonProperty("LOB") String lob,
        @JsonProperty("CTRY") String ctry,
        @JsonProperty("SEG") String seg,
        @JsonProperty("SUM_INS") String sumIns,
        @JsonProperty("CCY") String ccy,
        @JsonProperty("OPTS") String opts,
        @JsonProperty("CUST_NM") String custNm,
        @JsonProperty("CUST_EML") String custEml,
        @JsonProperty("MODE") String mode) {

    LegacyQuoteForm toForm() {
        return new LegacyQuoteForm(reqKey, quoteNo, lob, ctry, seg, sumIns, ccy, opts, custNm, custEml);
    }
}
