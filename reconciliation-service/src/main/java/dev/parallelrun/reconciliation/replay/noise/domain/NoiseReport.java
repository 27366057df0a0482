package dev.parallelrun.reconciliation.replay.noise.domain;

import dev.parallelrun.events.Side;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a noise run found.
 *
 * @param fields      every (outcome type, path, side) at which two copies of the same original differed, sorted by
 *                    outcome type, path and side; a field that never differed is not listed
 * @param compared    per side, the (original, outcome type) pairs whose two copies both had a completed outcome: what
 *                    the rates are out of; both sides are always present
 * @param suggestions one rule per (outcome type, path with array indices as {@code *}) that differed on either side,
 *                    sorted by outcome type and path
 */
public record NoiseReport(List<FieldNoise> fields, Map<Side, Integer> compared, List<RuleSuggestion> suggestions) {

    public NoiseReport {
        fields = List.copyOf(fields);
        EnumMap<Side, Integer> bySide = new EnumMap<>(Side.class);
        bySide.putAll(compared);
        compared = Collections.unmodifiableMap(bySide);
        suggestions = List.copyOf(suggestions);
    }
}
