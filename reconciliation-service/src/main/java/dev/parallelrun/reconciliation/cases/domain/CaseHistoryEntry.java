package dev.parallelrun.reconciliation.cases.domain;

import java.time.Instant;

/**
 * One change of a case, as the append-only history keeps it: who (a user name, or {@code reconciliation} for what
 * verdicts did), when, from which state to which ({@code from} is {@code null} when the case opened), and the case's
 * category, variance, assignee and ticket after the change, with the note and the verdict it was about.
 */
public record CaseHistoryEntry(Instant at, String actor, CaseState from, CaseState to, CaseCategory category,
        String variance, String note, String assignee, String ticket, String verdictId) {
}
