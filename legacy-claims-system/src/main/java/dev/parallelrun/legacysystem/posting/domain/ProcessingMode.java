package dev.parallelrun.legacysystem.posting.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How the platform runs one transaction, from the request's {@code MODE} field: {@link #POST} for real, or
 * {@link #SIMULATE}: the same decision (the same rules, quirks, rounding and failures), answered the same way, but
 * nothing posted, no letter sent and nothing remembered under the request key. Callers older than the field send none
 * and get {@link #POST}, as before it existed.
 */
public enum ProcessingMode {
    /** Decide, remember the answer under the request key, post it and send its letter. */
    POST,
    /** Decide and answer only. */
    SIMULATE;

    /**
     * The mode a {@code MODE} field asks for: blank or absent is {@link #POST}; the value is read case-insensitively
     * and trimmed, like every legacy code field. Empty for a value the platform does not know.
     */
    public static Optional<ProcessingMode> parse(String field) {
        if (field == null || field.isBlank()) {
            return Optional.of(POST);
        }
        String code = field.trim().toUpperCase(Locale.ROOT);
        for (ProcessingMode mode : values()) {
            if (mode.name().equals(code)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** The problem the platform answers for a {@code MODE} it does not know, in its words. */
    public static String invalid(String field) {
        return "INVALID MODE " + field.trim();
    }
}
