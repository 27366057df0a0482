package dev.parallelrun.reconciliation.replay.application;

import java.util.Map;

/**
 * The part of a context's intent topic a time range covers: per partition, the first offset at or after {@code from}
 * and the first at or after {@code to} (both by record timestamp, the time the ingress published the intent).
 */
public record TopicRange(Map<Integer, Long> startOffsets, Map<Integer, Long> endOffsets) {

    public TopicRange {
        startOffsets = Map.copyOf(startOffsets);
        endOffsets = Map.copyOf(endOffsets);
    }
}
