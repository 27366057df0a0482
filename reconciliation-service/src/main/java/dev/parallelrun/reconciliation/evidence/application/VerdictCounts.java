package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.VerdictCount;
import java.time.Instant;
import java.util.List;

/** The stored verdicts, as the evidence counts them. */
public interface VerdictCounts {

    /** The context's current verdicts decided in {@code [from, to)}, counted per hour and kind. */
    List<VerdictCount> countByHour(String context, Instant from, Instant to);
}
