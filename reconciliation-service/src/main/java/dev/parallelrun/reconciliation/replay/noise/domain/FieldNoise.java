package dev.parallelrun.reconciliation.replay.noise.domain;

import dev.parallelrun.events.Side;

/**
 * A field that differed between the two copies of the same original on one side.
 *
 * @param path          the JSON Pointer of the differing leaf, arrays by index ({@code /lines/0/amount}); where the
 *                      field is present in one copy and absent in the other, the path of the field present
 * @param differing     originals whose two copies differ at this path
 * @param compared      originals of this outcome type whose two copies on this side both have a completed outcome
 * @param differingRate {@code differing / compared}
 */
public record FieldNoise(String outcomeType, String path, Side side, int differing, int compared,
        double differingRate) {
}
