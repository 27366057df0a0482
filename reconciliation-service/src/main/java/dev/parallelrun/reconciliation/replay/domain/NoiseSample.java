package dev.parallelrun.reconciliation.replay.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A noise run's sample: the {@code size} candidates with the smallest SHA-256 of (run id, event id). Spread over the
 * whole range whatever its order, the same for the same run (a selection repeated after a crash picks the same
 * intents), and kept in memory bounded by the sample size however large the range.
 *
 * @param <T> what a candidate carries besides its event id
 */
public final class NoiseSample<T> {

    private record Ranked<T>(BigInteger rank, String eventId, T value) {
    }

    private final String runId;
    private final int size;
    // the largest rank on top: it is the one a smaller candidate replaces
    private final PriorityQueue<Ranked<T>> kept = new PriorityQueue<>(
            Comparator.comparing((Ranked<T> r) -> r.rank()).reversed());

    public NoiseSample(String runId, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a sample has at least one element, was " + size);
        }
        this.runId = runId;
        this.size = size;
    }

    /** Offers one candidate. */
    public void offer(String eventId, T value) {
        Ranked<T> candidate = new Ranked<>(rank(eventId), eventId, value);
        if (kept.size() < size) {
            kept.add(candidate);
        } else if (candidate.rank().compareTo(kept.peek().rank()) < 0) {
            kept.poll();
            kept.add(candidate);
        }
    }

    /** The sample, in rank order. */
    public List<T> sample() {
        List<Ranked<T>> ranked = new ArrayList<>(kept);
        ranked.sort(Comparator.comparing(Ranked::rank));
        return ranked.stream().map(Ranked::value).toList();
    }

    private BigInteger rank(String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((runId + "|" + eventId).getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
