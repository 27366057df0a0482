package dev.parallelrun.reconciliation.ops.metrics;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link VerdictMetrics} counts of a verdict, and nothing more: read straight from the record's bytes, the
 * verdict's differences and both sides' outcomes are skipped by the parser, never built into a tree (they are most of a
 * verdict's bytes, and the metrics read every verdict the correlation commits).
 */
record VerdictTally(String context, String outcomeType, Classification classification, Instant legacyReceivedAt,
        Instant shadowReceivedAt, String replayId) {

    static VerdictTally of(Verdict verdict) {
        return new VerdictTally(verdict.context(), verdict.outcomeType(), verdict.classification(),
                verdict.legacyReceivedAt(), verdict.shadowReceivedAt(), verdict.replayId());
    }

    /**
     * The tally of a verdict event's JSON, {@code null} for an event of another type.
     *
     * @throws tools.jackson.core.JacksonException when the bytes are not a JSON object or a field has the wrong shape
     */
    static VerdictTally read(JsonMapper mapper, byte[] bytes) {
        Envelope envelope = mapper.readValue(bytes, Envelope.class);
        return envelope != null && Verdict.EVENT_TYPE.equals(envelope.type()) ? envelope.data() : null;
    }

    /** A CloudEvent's type and data: its other attributes are skipped (the mapper ignores unknown properties). */
    record Envelope(String type, VerdictTally data) {
    }
}
