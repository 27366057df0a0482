package dev.parallelrun.reconciliation.verdicts.domain;

/** One comparison: a business transaction's outcome of one type. One verdict (and its history) per pair. */
public record PairKey(String correlationId, String outcomeType) {

    private static final char SEPARATOR = '\u001f';

    /** A compact, unambiguous string form for state store keys. */
    public String asString() {
        return correlationId + SEPARATOR + outcomeType;
    }

    public static PairKey parse(String value) {
        int at = value.lastIndexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("not a pair key: " + value);
        }
        return new PairKey(value.substring(0, at), value.substring(at + 1));
    }
}
