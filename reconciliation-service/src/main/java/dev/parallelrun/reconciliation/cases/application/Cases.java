package dev.parallelrun.reconciliation.cases.application;

import dev.parallelrun.reconciliation.cases.domain.CaseHistoryEntry;
import dev.parallelrun.reconciliation.cases.domain.CaseTransitions;
import dev.parallelrun.reconciliation.cases.domain.DivergenceCase;
import dev.parallelrun.reconciliation.cases.domain.InvalidTransitionException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people's side of divergence cases: read them, move one under optimistic concurrency (the version a person read
 * must still be current), or move every case a filter matches in one transaction, after a dry run and under a cap.
 */
public class Cases {

    private final CaseStore store;
    private final Clock clock;

    public Cases(CaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A case with its history, oldest entry first. */
    public record CaseWithHistory(DivergenceCase divergenceCase, List<CaseHistoryEntry> history) {
    }

    /** What a bulk transition matched and changed (or, in a dry run, would change). */
    public record BulkResult(long matched, long changed) {
    }

    /** Matching cases, newest first, after the position if any. */
    public List<DivergenceCase> find(CaseFilter filter, CasePosition after, int limit) {
        return store.find(filter, after, limit);
    }

    /** @throws CaseNotFoundException when there is no such case */
    @Transactional(readOnly = true)
    public CaseWithHistory get(String caseId) {
        DivergenceCase found = store.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        return new CaseWithHistory(found, store.history(caseId));
    }

    /**
     * Moves one case, if it is still at {@code expectedVersion}.
     *
     * @throws CaseNotFoundException when there is no such case
     * @throws StaleCaseException when the case has changed since that version
     * @throws dev.parallelrun.reconciliation.cases.domain.IllegalTransitionException when the table forbids it
     * @throws InvalidTransitionException when the request lacks what the transition needs
     */
    @Transactional
    public CaseWithHistory transition(String caseId, long expectedVersion, CaseTransitions.Request request, String actor) {
        DivergenceCase current = store.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        if (current.version() != expectedVersion) {
            throw new StaleCaseException(caseId, expectedVersion, current.version());
        }
        Instant now = clock.instant();
        DivergenceCase next = CaseTransitions.apply(current, request, now);
        store.update(next, current.version(), entry(current, next, request, actor, now));
        return new CaseWithHistory(next, store.history(caseId));
    }

    /**
     * Moves every case the filter matches that may make the transition (the others are left as they are), in one
     * transaction, each with its history entry; a dry run changes nothing and says what would change.
     *
     * @throws TooManyCasesException when more than {@code max} cases match and this is no dry run
     * @throws InvalidTransitionException when the request lacks what the transition needs
     */
    @Transactional
    public BulkResult bulkTransition(CaseFilter filter, CaseTransitions.Request request, boolean dryRun, int max,
            String actor) {
        CaseTransitions.validate(request);
        List<DivergenceCase> matching = store.lockMatching(filter);
        List<DivergenceCase> movable = matching.stream()
                .filter(c -> CaseTransitions.allowed(c.state(), request.to())).toList();
        if (dryRun) {
            return new BulkResult(matching.size(), movable.size());
        }
        if (matching.size() > max) {
            throw new TooManyCasesException(matching.size(), max);
        }
        Instant now = clock.instant();
        for (DivergenceCase current : movable) {
            DivergenceCase next = CaseTransitions.apply(current, request, now);
            store.update(next, current.version(), entry(current, next, request, actor, now));
        }
        return new BulkResult(matching.size(), movable.size());
    }

    private static CaseHistoryEntry entry(DivergenceCase current, DivergenceCase next, CaseTransitions.Request request,
            String actor, Instant now) {
        return new CaseHistoryEntry(now, actor, current.state(), next.state(), next.category(), next.variance(),
                request.note(), next.assignee(), next.ticket(), next.verdictId());
    }
}
