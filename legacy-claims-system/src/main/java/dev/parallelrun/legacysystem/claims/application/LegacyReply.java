package dev.parallelrun.legacysystem.claims.application;

import dev.parallelrun.legacysystem.claims.domain.LegacyDecision;

/** What the stand-in answers to one request: a decision, or a system error (HTTP 500). */
public sealed interface LegacyReply {

    /** The platform decided (or replayed its earlier decision for the same request key). */
    record Answered(LegacyDecision decision) implements LegacyReply {
    }

    /** The platform failed technically; the caller may retry. */
    record SystemError(String message) implements LegacyReply {
    }
}
