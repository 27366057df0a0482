package dev.parallelrun.reconciliation.cases.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a case's life: which transitions a person may ask for and what each requires, and what a new verdict
 * of the pair does to the case. Plain logic, so that the whole table is one fast test.
 *
 * <p>People move a case {@code OPEN → ACKNOWLEDGED → RESOLVED}, hand an acknowledged case back ({@code ACKNOWLEDGED
 * → OPEN}) and reopen a resolved one ({@code RESOLVED → OPEN}); a transition to the state a case is in (open or
 * acknowledged only) changes its assignee or ticket and records a note. {@code SUPERSEDED} is reconciliation's alone
 * and final for people: only a new disagreeing verdict of the pair brings the case back (a new cycle, {@code OPEN},
 * on the same case, since there is one case per pair). Resolving needs a category, {@code ACCEPTED_VARIANCE} also
 * the variance id to add to the next rule set; every transition needs a note.
 */
public final class CaseTransitions {

    /** The actor of every change verdicts make. */
    public static final String RECONCILIATION = "reconciliation";

    /** What a variance id may look like: what a rule-set file accepts as an id (docs/rules.md). */
    private static final Pattern VARIANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final Map<CaseState, Set<CaseState>> BY_PEOPLE = Map.of(
            CaseState.OPEN, Set.of(CaseState.OPEN, CaseState.ACKNOWLEDGED),
            CaseState.ACKNOWLEDGED, Set.of(CaseState.ACKNOWLEDGED, CaseState.OPEN, CaseState.RESOLVED),
            CaseState.RESOLVED, Set.of(CaseState.OPEN),
            CaseState.SUPERSEDED, Set.of());

    private CaseTransitions() {
    }

    /** What a person asks for: {@code category} and {@code variance} only when resolving; null assignee or ticket: unchanged. */
    public record Request(CaseState to, CaseCategory category, String variance, String note, String assignee,
            String ticket) {
    }

    /** Whether a person may move a case from one state to the other. */
    public static boolean allowed(CaseState from, CaseState to) {
        return BY_PEOPLE.get(from).contains(to);
    }

    /**
     * The case after a person's transition, one version higher.
     *
     * @throws IllegalTransitionException when the transition is not in the table (409)
     * @throws InvalidTransitionException when it is, but the request lacks what it needs (422)
     */
    public static DivergenceCase apply(DivergenceCase current, Request request, Instant now) {
        if (request.to() == null) {
            throw new InvalidTransitionException("to", "is required: one of OPEN, ACKNOWLEDGED, RESOLVED");
        }
        if (!allowed(current.state(), request.to())) {
            throw new IllegalTransitionException(current.state(), request.to());
        }
        validate(request);
        boolean resolving = request.to() == CaseState.RESOLVED;
        boolean variance = request.category() == CaseCategory.ACCEPTED_VARIANCE;
        String assignee = request.assignee() == null ? current.assignee() : blankToNull(request.assignee());
        String ticket = request.ticket() == null ? current.ticket() : blankToNull(request.ticket());
        return new DivergenceCase(current.caseId(), current.correlationId(), current.context(), current.outcomeType(),
                request.to(), resolving ? request.category() : null, variance ? request.variance() : null, assignee,
                ticket, current.severity(), current.classification(), current.verdictId(), current.openedAt(), now,
                resolving ? now : null, current.version() + 1);
    }

    /**
     * Checks what a request needs whatever the case's state: a target, a note, a category exactly when resolving, a
     * variance id exactly when resolving as {@code ACCEPTED_VARIANCE}.
     *
     * @throws InvalidTransitionException naming the field that is missing or wrong (422)
     */
    public static void validate(Request request) {
        if (request.to() == null) {
            throw new InvalidTransitionException("to", "is required: one of OPEN, ACKNOWLEDGED, RESOLVED");
        }
        if (request.note() == null || request.note().isBlank()) {
            throw new InvalidTransitionException("note", "is required: say why");
        }
        boolean resolving = request.to() == CaseState.RESOLVED;
        if (resolving && request.category() == null) {
            throw new InvalidTransitionException("category", "is required to resolve a case");
        }
        if (!resolving && request.category() != null) {
            throw new InvalidTransitionException("category", "is only given when resolving");
        }
        boolean variance = request.category() == CaseCategory.ACCEPTED_VARIANCE;
        if (variance && (request.variance() == null || request.variance().isBlank())) {
            throw new InvalidTransitionException("variance",
                    "is required for ACCEPTED_VARIANCE: the variance id to add to the next rule set");
        }
        if (variance && !VARIANCE_ID.matcher(request.variance()).matches()) {
            throw new InvalidTransitionException("variance",
                    "must be a rule-set variance id: letters, digits, '.', '_' and '-', at most 128");
        }
        if (!variance && request.variance() != null) {
            throw new InvalidTransitionException("variance", "is only given when resolving as ACCEPTED_VARIANCE");
        }
        if (request.assignee() != null && request.assignee().length() > 128) {
            throw new InvalidTransitionException("assignee", "must be at most 128 characters");
        }
        if (request.ticket() != null && request.ticket().length() > 256) {
            throw new InvalidTransitionException("ticket", "must be at most 256 characters");
        }
    }

    /** What a new current verdict of the pair does to its case. */
    public enum VerdictEffect {
        /** No case yet and the verdict disagrees: open one. */
        OPEN,
        /** An open or acknowledged case and the verdict still disagrees: the case is about the new verdict now. */
        UPDATE,
        /** A resolved or superseded case and the verdict disagrees again: a new cycle, {@code OPEN}. */
        REOPEN,
        /** An open or acknowledged case and the verdict agrees: {@code SUPERSEDED}. */
        SUPERSEDE,
        /** Nothing to do: no case and an agreeing verdict, or a closed case and an agreeing verdict. */
        NONE
    }

    /**
     * What a new current verdict of a pair does to its case.
     *
     * @param current   the case's state, {@code null} without a case
     * @param disagrees whether the verdict disagrees ({@code MISMATCH}, {@code MISSING_SHADOW}, {@code MISSING_LEGACY})
     */
    public static VerdictEffect onVerdict(CaseState current, boolean disagrees) {
        if (current == null) {
            return disagrees ? VerdictEffect.OPEN : VerdictEffect.NONE;
        }
        if (current.open()) {
            return disagrees ? VerdictEffect.UPDATE : VerdictEffect.SUPERSEDE;
        }
        // a person's resolution stands against agreement; new disagreement is new information
        return disagrees ? VerdictEffect.REOPEN : VerdictEffect.NONE;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
