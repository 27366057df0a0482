package dev.parallelrun.reconciliation.cases.application;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.cases.domain.CaseCategory;
import dev.parallelrun.reconciliation.cases.domain.CaseHistoryEntry;
import dev.parallelrun.reconciliation.cases.domain.CaseState;
import dev.parallelrun.reconciliation.cases.domain.DivergenceCase;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cases and their history in PostgreSQL; every write appends its history entry in the caller's transaction. */
public interface CaseStore {

    /** A pair of outcomes a case is about. */
    record Pair(String correlationId, String outcomeType) {
    }

    /** The current live verdict of a pair, as much of it as a case needs. */
    record CurrentVerdict(String verdictId, String correlationId, String context, String outcomeType,
            Classification classification, Severity severity) {
        public Pair pair() {
            return new Pair(correlationId, outcomeType);
        }
    }

    /** The current live (not replayed) verdict of each pair that has one. */
    List<CurrentVerdict> currentVerdicts(Collection<Pair> pairs);

    /** The cases of these pairs, locked for update (in case id order) until the transaction ends. */
    Map<Pair, DivergenceCase> lockByPairs(Collection<Pair> pairs);

    /** One case, locked for update until the transaction ends. */
    Optional<DivergenceCase> lock(String caseId);

    /** The cases matching the filter, locked for update (in case id order) until the transaction ends. */
    List<DivergenceCase> lockMatching(CaseFilter filter);

    Optional<DivergenceCase> find(String caseId);

    /** Matching cases, newest (latest opened) first, after the position if any. */
    List<DivergenceCase> find(CaseFilter filter, CasePosition after, int limit);

    /** A case's history, oldest first. */
    List<CaseHistoryEntry> history(String caseId);

    /** Stores a new case with its first history entry (idempotent: a case already stored for the pair stays). */
    void open(DivergenceCase opened, CaseHistoryEntry entry);

    /**
     * Replaces a case by its next version and appends the entry.
     *
     * @return {@code false} when the stored case is no longer at {@code expectedVersion}
     */
    boolean update(DivergenceCase updated, long expectedVersion, CaseHistoryEntry entry);

    /** How many cases of a context are in a state (and, resolved, a category: {@code null} otherwise). */
    record Count(String context, CaseState state, CaseCategory category, long cases) {
    }

    List<Count> counts();

    /** Per context, when its oldest open or acknowledged case opened; contexts without one are absent. */
    Map<String, Instant> oldestOpen();
}
