package dev.parallelrun.adapter.pricing.domain;

/**
 * The legacy platform's quote request ({@code POST /legacy/pricing/quote}). Components map one to one to the
 * upper-snake-case wire fields ({@code sumIns} is {@code SUM_INS}); every value is a string.
 *
 * @param opts the option codes, 4 characters each, concatenated ({@code GLASTHEFROADEDOC})
 */
public record LegacyQuoteRequest(
        String reqKey,
        String quoteNo,
        String lob,
        String ctry,
        String seg,
        String sumIns,
        String ccy,
        String opts,
        String custNm,
        String custEml) {

    /** Personal data stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "LegacyQuoteRequest[reqKey=" + reqKey + ", quoteNo=" + quoteNo + ", lob=" + lob + ", ctry=" + ctry
                + ", seg=" + seg + ", sumIns=" + sumIns + ", ccy=" + ccy + ", opts=" + opts + "]";
    }
}
