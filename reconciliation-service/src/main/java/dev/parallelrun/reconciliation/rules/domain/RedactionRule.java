package dev.parallelrun.reconciliation.rules.domain;

/**
 * What happens to personal data at a path before an outcome leaves the comparison (verdict topic,
 * database, API, logs). Comparison itself always sees the real values.
 */
public record RedactionRule(PathPattern path, Action action, String location) {

    /** The redaction actions. */
    public enum Action {
        /** The field is removed. */
        DROP,
        /** The value is replaced by {@value Redactor#MASK}. */
        MASK,
        /**
         * The value is replaced by a keyed hash ({@code hmac-sha256:<hex>}): equal values stay
         * recognisably equal, the value cannot be read back without the key.
         */
        HASH
    }
}
