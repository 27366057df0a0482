package dev.parallelrun.reconciliation.evidence.persistence;

import dev.parallelrun.reconciliation.evidence.application.VerdictCounts;
import dev.parallelrun.reconciliation.evidence.domain.VerdictCount;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Repository;

/** Verdict counts from the verdict store, which counts the same verdicts for the match-rate endpoint. */
@Repository
class StoredVerdictCounts implements VerdictCounts {

    private final VerdictStore store;

    StoredVerdictCounts(VerdictStore store) {
        this.store = store;
    }

    @Override
    public List<VerdictCount> countByHour(String context, Instant from, Instant to) {
        return store.countByHour(context, from, to).stream().map(c -> new VerdictCount(c.hour(), c.outcomeType(),
                c.classification(), c.severity(), c.ruleSetVersion(), c.count())).toList();
    }
}
