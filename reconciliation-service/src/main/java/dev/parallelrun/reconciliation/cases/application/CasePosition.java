package dev.parallelrun.reconciliation.cases.application;

import java.time.Instant;

/** A keyset position in the list of cases, newest first: the last case of the previous page. */
public record CasePosition(Instant openedAt, String caseId) {
}
