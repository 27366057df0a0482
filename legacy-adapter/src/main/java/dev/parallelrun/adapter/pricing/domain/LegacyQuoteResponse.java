package dev.parallelrun.adapter.pricing.domain;

import java.util.List;

/**
 * The legacy platform's answer to a quote request (HTTP 200, whatever its {@code STATUS}). Components map one to one
 * to the upper-snake-case wire fields ({@code grossPrem} is {@code GROSS_PREM}); amounts are strings.
 *
 * @param status  {@code Q1} quoted, {@code Q2} quoted and referred, {@code E7} not quoted ({@code MSG} says why)
 * @param taxCd   country and rate in basis points, e.g. {@code DE1900}; blank when not quoted
 * @param discRsn 2-digit discount reason codes concatenated, e.g. {@code 0203}
 * @param promo   4-character promotion codes concatenated and space-padded to 16 characters
 */
public record LegacyQuoteResponse(
        String quoteNo,
        String status,
        String quoteRef,
        String ccy,
        String netPrem,
        String taxAmt,
        String grossPrem,
        String taxCd,
        String discRsn,
        String promo,
        String msg,
        List<Line> lines) {

    public LegacyQuoteResponse {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** One premium line: {@code BASE} or an option code, its premium, its net premium and the tax on it. */
    public record Line(String lineCd, String prem, String net, String tax) {
    }
}
