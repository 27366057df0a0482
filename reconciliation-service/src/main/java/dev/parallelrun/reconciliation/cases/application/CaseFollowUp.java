package dev.parallelrun.reconciliation.cases.application;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.cases.domain.CaseHistoryEntry;
import dev.parallelrun.reconciliation.cases.domain.CaseState;
import dev.parallelrun.reconciliation.cases.domain.CaseTransitions;
import dev.parallelrun.reconciliation.cases.domain.DivergenceCase;
import dev.parallelrun.reconciliation.verdicts.VerdictFollowUp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens, updates, reopens and supersedes cases as verdicts are stored, in the verdict sink's transaction (while the
 * pairs' locks are held, so two writers of a pair never race). It acts on each pair's <em>current</em> live verdict,
 * not on the batch: a late verdict that does not become current changes nothing, the order verdicts arrive in does
 * not matter, and a redelivered batch finds every case already about its verdict (idempotent). Replayed verdicts
 * name other correlation ids and are never current live verdicts: they open nothing.
 */
public class CaseFollowUp implements VerdictFollowUp {

    private final CaseStore store;
    private final Clock clock;

    public CaseFollowUp(CaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void stored(List<Verdict> stored) {
        Set<CaseStore.Pair> pairs = new LinkedHashSet<>();
        for (Verdict verdict : stored) {
            if (verdict.replayId() == null) {
                pairs.add(new CaseStore.Pair(verdict.correlationId(), verdict.outcomeType()));
            }
        }
        if (pairs.isEmpty()) {
            return;
        }
        follow(store.currentVerdicts(pairs), store.lockByPairs(pairs));
    }

    private void follow(List<CaseStore.CurrentVerdict> current, Map<CaseStore.Pair, DivergenceCase> cases) {
        Instant now = clock.instant();
        for (CaseStore.CurrentVerdict verdict : current) {
            DivergenceCase existing = cases.get(verdict.pair());
            if (existing != null && existing.verdictId().equals(verdict.verdictId())) {
                continue;
            }
            boolean disagrees = disagrees(verdict.classification());
            switch (CaseTransitions.onVerdict(existing == null ? null : existing.state(), disagrees)) {
                case OPEN -> open(verdict, now);
                case UPDATE -> change(existing, verdict, existing.state(), existing.openedAt(), now,
                        "a later verdict of the pair disagrees too: " + verdict.classification());
                case REOPEN -> change(existing, verdict, CaseState.OPEN, now, now,
                        "a later verdict of the pair disagrees again: " + verdict.classification());
                case SUPERSEDE -> change(existing, verdict, CaseState.SUPERSEDED, existing.openedAt(), now,
                        "a later verdict of the pair agrees: " + verdict.classification());
                case NONE -> {
                }
            }
        }
    }

    private void open(CaseStore.CurrentVerdict verdict, Instant now) {
        DivergenceCase opened = new DivergenceCase(caseId(verdict.correlationId(), verdict.outcomeType()),
                verdict.correlationId(), verdict.context(), verdict.outcomeType(), CaseState.OPEN, null, null, null,
                null, verdict.severity(), verdict.classification(), verdict.verdictId(), now, now, null, 1);
        store.open(opened, new CaseHistoryEntry(now, CaseTransitions.RECONCILIATION, null, CaseState.OPEN, null, null,
                "opened by a " + verdict.classification() + " verdict", null, null, verdict.verdictId()));
    }

    private void change(DivergenceCase existing, CaseStore.CurrentVerdict verdict, CaseState to, Instant openedAt,
            Instant now, String note) {
        boolean reopened = to == CaseState.OPEN && !existing.state().open();
        DivergenceCase updated = new DivergenceCase(existing.caseId(), existing.correlationId(), existing.context(),
                existing.outcomeType(), to, reopened ? null : existing.category(), reopened ? null : existing.variance(),
                existing.assignee(), existing.ticket(), verdict.severity(), verdict.classification(),
                verdict.verdictId(), openedAt, now, to == CaseState.SUPERSEDED ? now : reopened ? null : existing.resolvedAt(),
                existing.version() + 1);
        // the pair's lock and the row lock are held: the version cannot have moved
        if (!store.update(updated, existing.version(), new CaseHistoryEntry(now, CaseTransitions.RECONCILIATION,
                existing.state(), to, updated.category(), updated.variance(), note, updated.assignee(), updated.ticket(),
                verdict.verdictId()))) {
            throw new IllegalStateException("case " + existing.caseId() + " changed under its lock");
        }
    }

    /** Whether a classification opens a case: {@code MISMATCH}, {@code MISSING_SHADOW}, {@code MISSING_LEGACY}. */
    static boolean disagrees(Classification classification) {
        return classification.bucket() == Classification.MatchRateBucket.DISAGREE;
    }

    /** A pair's case id, the same on every instance: opening a case twice finds the first. */
    static String caseId(String correlationId, String outcomeType) {
        return UUID.nameUUIDFromBytes(("case|" + correlationId + '\0' + outcomeType).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
