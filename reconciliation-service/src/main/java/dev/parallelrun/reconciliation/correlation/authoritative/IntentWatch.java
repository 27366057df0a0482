package dev.parallelrun.reconciliation.correlation.authoritative;

import dev.parallelrun.events.CloudEvent;
import java.util.HashSet;
import java.util.Set;

/**
 * What the authoritative stream remembers of one intent (by correlation id), from when it is read until its
 * matching window plus grace has passed (event time).
 *
 * @param intentId     the intent's event id ({@code null} for a mark left by a failure read before its intent)
 * @param intentTimeMs when the intent was accepted, to measure each side's latency
 * @param awaiting     a shadow-authoritative intent whose authoritative outcomes are not all in and whose fallback
 *                     was not issued yet: kept whole, because a fallback re-issues it; {@code null} otherwise
 * @param settled      the outcome types whose authoritative outcome was published while {@code awaiting}
 * @param measured     the {@code side|outcomeType} latencies recorded, so that a duplicate is measured once
 * @param shadowFailed the authoritative new service's failure was read before the intent: fall back once it is read
 * @param windowEndMs  the end of the matching window: a shadow-authoritative intent still awaiting then falls back
 * @param retainUntilMs when this entry is forgotten
 */
record IntentWatch(String intentId, String context, long intentTimeMs, CloudEvent awaiting, Set<String> settled,
        Set<String> measured, boolean shadowFailed, long windowEndMs, long retainUntilMs) {

    IntentWatch {
        settled = settled == null ? Set.of() : Set.copyOf(settled);
        measured = measured == null ? Set.of() : Set.copyOf(measured);
    }

    /** A failure of the authoritative new service read before its intent. */
    static IntentWatch failureBeforeIntent(String context, long retainUntilMs) {
        return new IntentWatch(null, context, 0, null, Set.of(), Set.of(), true, 0, retainUntilMs);
    }

    boolean intentRead() {
        return intentId != null;
    }

    IntentWatch settling(String outcomeType) {
        Set<String> more = new HashSet<>(settled);
        more.add(outcomeType);
        return new IntentWatch(intentId, context, intentTimeMs, awaiting, more, measured, shadowFailed, windowEndMs,
                retainUntilMs);
    }

    IntentWatch withoutAwaiting() {
        return new IntentWatch(intentId, context, intentTimeMs, null, settled, measured, shadowFailed, windowEndMs,
                retainUntilMs);
    }

    IntentWatch measuring(String mark) {
        Set<String> more = new HashSet<>(measured);
        more.add(mark);
        return new IntentWatch(intentId, context, intentTimeMs, awaiting, settled, more, shadowFailed, windowEndMs,
                retainUntilMs);
    }
}
