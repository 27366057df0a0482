package dev.parallelrun.reconciliation.replay.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids of a replayed intent: new (a replay is a new business transaction for reconciliation, and must never be
 * dropped as a duplicate of the original) and deterministic in the replay, the original event and the copy, so that a
 * replay resumed after a crash publishes exactly the events it would have, and consumers de-duplicate by event id.
 */
public final class ReplayIds {

    private ReplayIds() {
    }

    /** The replayed intent's event id. */
    public static String eventId(String replayId, String originalEventId, int copy) {
        return uuid("replay-event|" + replayId + "|" + originalEventId + "|" + copy);
    }

    /** The replayed intent's correlation id. */
    public static String correlationId(String replayId, String originalEventId, int copy) {
        return uuid("replay-correlation|" + replayId + "|" + originalEventId + "|" + copy);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
