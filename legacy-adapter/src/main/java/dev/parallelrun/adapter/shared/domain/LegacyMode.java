package dev.parallelrun.adapter.shared.domain;

/**
 * How the adapter asks legacy to run a transaction, the request's {@code MODE} field: {@link #POST} for real where
 * legacy is authoritative for the intent, {@link #SIMULATE} (the same decision, nothing posted, no letter, nothing
 * remembered under the request key) everywhere else, so that legacy keeps being compared after the new service took
 * over: a reverse shadow.
 */
public enum LegacyMode {
    /** Legacy decides, posts and sends its letters. */
    POST,
    /** Legacy decides and answers only. */
    SIMULATE;

    /** The value of the {@code MODE} field. */
    public String code() {
        return name();
    }
}
