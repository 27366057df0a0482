package dev.parallelrun.reconciliation.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.cases.domain.CaseTransitions.Request;
import dev.parallelrun.reconciliation.cases.domain.CaseTransitions.VerdictEffect;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseTransitionsTest {

    private static final Instant OPENED = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-02T11:00:00Z");

    @Test
    void allowsPeopleExactlyTheTransitionsOfTheTable() {
        Map<CaseState, Set<CaseState>> table = Map.of(
                CaseState.OPEN, EnumSet.of(CaseState.OPEN, CaseState.ACKNOWLEDGED),
                CaseState.ACKNOWLEDGED, EnumSet.of(CaseState.ACKNOWLEDGED, CaseState.OPEN, CaseState.RESOLVED),
                CaseState.RESOLVED, EnumSet.of(CaseState.OPEN),
                CaseState.SUPERSEDED, EnumSet.noneOf(CaseState.class));
        for (CaseState from : CaseState.values()) {
            for (CaseState to : CaseState.values()) {
                assertThat(CaseTransitions.allowed(from, to)).as(from + " -> " + to)
                        .isEqualTo(table.get(from).contains(to));
                Request request = to == CaseState.RESOLVED
                        ? new Request(to, CaseCategory.NEW_SERVICE_DEFECT, null, "why", null, null)
                        : new Request(to, null, null, "why", null, null);
                if (table.get(from).contains(to)) {
                    assertThat(CaseTransitions.apply(caseIn(from), request, NOW).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> CaseTransitions.apply(caseIn(from), request, NOW))
                            .as(from + " -> " + to).isInstanceOf(IllegalTransitionException.class);
                }
            }
        }
    }

    @Test
    void neverLetsAPersonSupersedeOrLeaveASupersededCase() {
        assertThatThrownBy(() -> CaseTransitions.apply(caseIn(CaseState.OPEN),
                new Request(CaseState.SUPERSEDED, null, null, "done", null, null), NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> CaseTransitions.apply(caseIn(CaseState.SUPERSEDED),
                new Request(CaseState.OPEN, null, null, "again", null, null), NOW))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("new disagreeing verdict");
    }

    @Test
    void resolvingNeedsACategoryAndAnAcceptedVarianceItsVarianceId() {
        DivergenceCase acknowledged = caseIn(CaseState.ACKNOWLEDGED);
        assertThatThrownBy(() -> CaseTransitions.apply(acknowledged,
                new Request(CaseState.RESOLVED, null, null, "fixed", null, null), NOW))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> assertThat(e.field()).isEqualTo("category"));
        assertThatThrownBy(() -> CaseTransitions.apply(acknowledged,
                new Request(CaseState.RESOLVED, CaseCategory.ACCEPTED_VARIANCE, null, "fine", null, null), NOW))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> assertThat(e.field()).isEqualTo("variance"));
        assertThatThrownBy(() -> CaseTransitions.apply(acknowledged,
                new Request(CaseState.RESOLVED, CaseCategory.ACCEPTED_VARIANCE, "no spaces", "fine", null, null), NOW))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> assertThat(e.field()).isEqualTo("variance"));
        assertThatThrownBy(() -> CaseTransitions.apply(acknowledged,
                new Request(CaseState.RESOLVED, CaseCategory.LEGACY_DEFECT, "an-id", "x", null, null), NOW))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> assertThat(e.field()).isEqualTo("variance"));
        assertThatThrownBy(() -> CaseTransitions.apply(caseIn(CaseState.OPEN),
                new Request(CaseState.ACKNOWLEDGED, CaseCategory.LEGACY_DEFECT, null, "x", null, null), NOW))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> assertThat(e.field()).isEqualTo("category"));
        assertThatThrownBy(() -> CaseTransitions.apply(caseIn(CaseState.OPEN),
                new Request(CaseState.ACKNOWLEDGED, null, null, " ", null, null), NOW))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> assertThat(e.field()).isEqualTo("note"));

        DivergenceCase resolved = CaseTransitions.apply(acknowledged, new Request(CaseState.RESOLVED,
                CaseCategory.ACCEPTED_VARIANCE, "new-engine-rounds-half-even", "fine", null, null), NOW);
        assertThat(resolved.category()).isEqualTo(CaseCategory.ACCEPTED_VARIANCE);
        assertThat(resolved.variance()).isEqualTo("new-engine-rounds-half-even");
        assertThat(resolved.resolvedAt()).isEqualTo(NOW);
        assertThat(resolved.version()).isEqualTo(acknowledged.version() + 1);
    }

    @Test
    void reopeningClearsTheResolutionAndAssigneeAndTicketChangeOnlyWhenGiven() {
        DivergenceCase resolved = CaseTransitions.apply(caseIn(CaseState.ACKNOWLEDGED), new Request(CaseState.RESOLVED,
                CaseCategory.UPSTREAM_DATA, null, "bad input", "ops-anna", "OPS-7"), NOW);
        assertThat(resolved.assignee()).isEqualTo("ops-anna");
        assertThat(resolved.ticket()).isEqualTo("OPS-7");

        DivergenceCase reopened = CaseTransitions.apply(resolved,
                new Request(CaseState.OPEN, null, null, "it came back", null, ""), NOW);

        assertThat(reopened.state()).isEqualTo(CaseState.OPEN);
        assertThat(reopened.category()).isNull();
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.assignee()).as("not given: unchanged").isEqualTo("ops-anna");
        assertThat(reopened.ticket()).as("given blank: cleared").isNull();
    }

    @Test
    void aNewVerdictOpensUpdatesSupersedesOrReopens() {
        assertThat(CaseTransitions.onVerdict(null, true)).isEqualTo(VerdictEffect.OPEN);
        assertThat(CaseTransitions.onVerdict(null, false)).isEqualTo(VerdictEffect.NONE);
        assertThat(CaseTransitions.onVerdict(CaseState.OPEN, true)).isEqualTo(VerdictEffect.UPDATE);
        assertThat(CaseTransitions.onVerdict(CaseState.ACKNOWLEDGED, true)).isEqualTo(VerdictEffect.UPDATE);
        assertThat(CaseTransitions.onVerdict(CaseState.OPEN, false)).isEqualTo(VerdictEffect.SUPERSEDE);
        assertThat(CaseTransitions.onVerdict(CaseState.ACKNOWLEDGED, false)).isEqualTo(VerdictEffect.SUPERSEDE);
        assertThat(CaseTransitions.onVerdict(CaseState.RESOLVED, true)).isEqualTo(VerdictEffect.REOPEN);
        assertThat(CaseTransitions.onVerdict(CaseState.SUPERSEDED, true)).isEqualTo(VerdictEffect.REOPEN);
        assertThat(CaseTransitions.onVerdict(CaseState.RESOLVED, false)).isEqualTo(VerdictEffect.NONE);
        assertThat(CaseTransitions.onVerdict(CaseState.SUPERSEDED, false)).isEqualTo(VerdictEffect.NONE);
    }

    static DivergenceCase caseIn(CaseState state) {
        boolean resolved = state == CaseState.RESOLVED;
        return new DivergenceCase("3f1c0b7e-5d0e-4a51-9a59-0c8f1d6b2a10", "corr-1", "claims", "ClaimAssessed", state,
                resolved ? CaseCategory.LEGACY_DEFECT : null, null, null, null, Severity.HIGH, Classification.MISMATCH,
                "9a1f0b7e-5d0e-4a51-9a59-0c8f1d6b2a10", OPENED, OPENED, resolved ? OPENED : null, 3);
    }
}
