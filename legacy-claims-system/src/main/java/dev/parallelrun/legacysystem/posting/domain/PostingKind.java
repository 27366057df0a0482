package dev.parallelrun.legacysystem.posting.domain;

import java.util.Locale;
import java.util.Optional;

/** Which transaction posted: a decided claim, or a priced quote; each sends one letter of its own kind. */
public enum PostingKind {
    /** A decided claim's booking; its letter is the decision letter to the claimant. */
    CLAIM("CLAIM_DECISION"),
    /** A priced quote journalled under its quote reference; its letter is the quote sent to the customer. */
    QUOTE("QUOTE");

    private final String letter;

    PostingKind(String letter) {
        this.letter = letter;
    }

    /** The letter a posting of this kind sends. */
    public String letter() {
        return letter;
    }

    /** The kind as stored and served: {@code claim}, {@code quote}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a label, e.g. {@code claim}; empty for anything else. */
    public static Optional<PostingKind> ofLabel(String label) {
        for (PostingKind kind : values()) {
            if (kind.label().equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
