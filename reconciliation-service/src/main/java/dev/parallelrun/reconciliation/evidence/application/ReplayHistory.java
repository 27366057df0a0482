package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.ReplayRequested;
import java.time.Instant;
import java.util.List;

/** The replays and noise runs the replay feature recorded (read only). */
public interface ReplayHistory {

    /** The context's runs requested in {@code [from, to)}, oldest first. */
    List<ReplayRequested> requestedBetween(String context, Instant from, Instant to);
}
