package dev.parallelrun.legacysystem.pricing.domain;

/** Quote requests in the legacy's form, starting from the documented example. */
final class LegacyQuoteForms {

    private LegacyQuoteForms() {
    }

    /** Home in Germany, private customer, 300 000.00 insured, glass, theft, roadside and paperless documents. */
    static LegacyQuoteForm documentedExample() {
        return new LegacyQuoteForm("req-1", "QTE-1001", "HOME", "DE", "PRIV", "300000.00", "EUR", "GLASTHEFROADEDOC",
                "Erika Mustermann", "erika@example.org");
    }

    static LegacyQuoteForm quote(String lob, String ctry, String seg, String sumIns, String opts) {
        return new LegacyQuoteForm("req-1", "QTE-1002", lob, ctry, seg, sumIns, "EUR", opts, "Max Mustermann",
                "max@example.org");
    }
}
