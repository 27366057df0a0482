package dev.parallelrun.legacysystem.pricing.domain;

/**
 * A quote request as the legacy platform receives it: every field a string, nothing validated yet. {@code sumIns}
 * carries exactly two decimals; {@code opts} is a fixed-width field of 4-character option codes, e.g.
 * {@code GLASTHEFROAD}.
 */
public record LegacyQuoteForm(
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
}
