package dev.parallelrun.legacysystem.claims.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The legacy platform's idempotency on {@code REQ_KEY}: the first decision for a key is remembered
 * and returned for every repeat, so a retried request is never decided twice. Bounded: beyond the
 * capacity the oldest keys are forgotten. Also counts calls and decisions per key, so tests can
 * prove that a caller did not call twice.
 */
public final class RequestJournal {

    private final Map<String, Entry> entries;

    public RequestJournal(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** How often a key was received and decided. */
    public record Usage(int calls, int decisions) {
    }

    /** Counts a request carrying this key, whatever its result. */
    public synchronized void recordCall(String reqKey) {
        entries.computeIfAbsent(reqKey, key -> new Entry()).calls++;
    }

    /** The remembered decision for the key, or a new one (remembered from now on). */
    public synchronized Replayable decideOnce(String reqKey, Supplier<LegacyDecision> decide) {
        Entry entry = entries.computeIfAbsent(reqKey, key -> new Entry());
        if (entry.decision != null) {
            return new Replayable(entry.decision, true);
        }
        entry.decision = decide.get();
        entry.decisions++;
        return new Replayable(entry.decision, false);
    }

    /** A decision and whether it is a replay of an earlier one. */
    public record Replayable(LegacyDecision decision, boolean replayed) {
    }

    public synchronized Usage usage(String reqKey) {
        Entry entry = entries.get(reqKey);
        return entry == null ? new Usage(0, 0) : new Usage(entry.calls, entry.decisions);
    }

    private static final class Entry {
        private int calls;
        private int decisions;
        private LegacyDecision decision;
    }
}
