package dev.parallelrun.reconciliation.authority.application;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.reconciliation.authority.domain.AuthorityState;
import dev.parallelrun.reconciliation.authority.domain.AuthorityTransitions;
import dev.parallelrun.reconciliation.authority.domain.InvalidDecisionException;
import dev.parallelrun.reconciliation.authority.domain.Transition;
import dev.parallelrun.reconciliation.readiness.NoRuleSetException;
import dev.parallelrun.reconciliation.readiness.ReadinessEvaluator;
import dev.parallelrun.reconciliation.readiness.ReadinessReport;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Takes authority decisions and answers who is authoritative. A decision is judged against the context's current state
 * under a per-context lock (two concurrent decisions never build on the same state), snapshots readiness, and is
 * appended to the log unpublished in the same transaction; after the commit it is published to
 * {@code authority.decisions.v1}. Should publishing fail, the decision stands and the relay publishes it later: the
 * log, not the topic, is the record.
 */
@Service
public class AuthorityDecisions {

    private static final Logger log = LoggerFactory.getLogger(AuthorityDecisions.class);
    static final int MAX_TEXT = 2000;

    private final DecisionLog decisions;
    private final DecisionPublication publication;
    private final ReadinessEvaluator readiness;
    private final RuleBasedComparator rules;
    private final TransactionOperations transactions;
    private final AuthorityStageGauge gauge;
    private final Clock clock;

    AuthorityDecisions(DecisionLog decisions, DecisionPublication publication, ReadinessEvaluator readiness,
            RuleBasedComparator rules, TransactionOperations transactions, AuthorityStageGauge gauge, Clock clock) {
        this.decisions = decisions;
        this.publication = publication;
        this.readiness = readiness;
        this.rules = rules;
        this.transactions = transactions;
        this.gauge = gauge;
        this.clock = clock;
    }

    /** What an admin asks for; {@code cohorts} already checked to be valid cohorts. */
    public record Request(String stage, List<Cohort> cohorts, String reason, String overrideReadiness) {
    }

    /**
     * @throws NoRuleSetException            the context has no rule set (404)
     * @throws InvalidDecisionException      a malformed field (422)
     * @throws dev.parallelrun.reconciliation.authority.domain.TransitionRefusedException the state does not allow it (409)
     * @throws ReadinessNotMetException      a promotion that is not ready and has no override (409)
     */
    public AuthorityDecision decide(String context, Request request, String decidedBy) {
        requireContext(context);
        AuthorityStage stage = AuthorityStage.parse(request.stage());
        if (stage == null) {
            throw new InvalidDecisionException("stage", "must be one of " + List.of(AuthorityStage.values())
                    + (request.stage() == null ? "" : ", not '" + request.stage() + "'"));
        }
        String reason = text("reason", request.reason(), true);
        String override = text("overrideReadiness", request.overrideReadiness(), false);
        List<Cohort> cohorts = request.cohorts() == null ? List.of() : request.cohorts();

        AuthorityDecision decision = transactions.execute(status -> {
            decisions.lockForDecision(context);
            AuthorityDecision latest = decisions.latest(context).orElse(null);
            AuthorityState current = latest == null ? AuthorityState.BEFORE_ANY_DECISION : latest.state();
            Transition transition = AuthorityTransitions.judge(current, stage, cohorts);
            ReadinessReport report = readiness.evaluate(context, transition.cohortsAdded());
            Transition.Admission admission = transition.admit(report.ready(), override);
            if (!admission.allowed()) {
                throw new ReadinessNotMetException(report);
            }
            String overridden = admission.recordedOverride();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            // the log's order is its decided_at (as PostgreSQL keeps it): strictly increasing per context
            if (latest != null && !now.isAfter(latest.decidedAt())) {
                now = latest.decidedAt().plus(1, ChronoUnit.MICROS);
            }
            AuthorityDecision made = new AuthorityDecision(UUID.randomUUID().toString(), context, stage,
                    List.copyOf(new java.util.LinkedHashSet<>(cohorts)), reason, decidedBy, now, current, report, overridden);
            decisions.append(made);
            return made;
        });
        gauge.record(context, decision.stage());
        try {
            publication.publishPending(context);
        } catch (RuntimeException e) {
            log.warn("authority decision {} of {} is recorded but not yet published ({}); the relay will publish it",
                    decision.decisionId(), context, e.toString());
        }
        return decision;
    }

    /** Every context with a rule set and its current state (SHADOW without a decision before the first one). */
    public List<Current> current() {
        return contexts().stream().map(context -> {
            AuthorityDecision latest = decisions.latest(context).orElse(null);
            return latest == null ? new Current(context, AuthorityState.BEFORE_ANY_DECISION, null)
                    : new Current(context, latest.state(), latest.decidedAt());
        }).toList();
    }

    /** A context's state and when it was decided ({@code null} before any decision). */
    public record Current(String context, AuthorityState state, Instant decidedAt) {
    }

    /** The context's decisions, newest first. */
    public List<AuthorityDecision> history(String context) {
        requireContext(context);
        return decisions.history(context);
    }

    /** The side that was authoritative at the instant for an intent with these attributes, and the decision why. */
    public Resolution resolve(String context, Instant at, String productLine, String region, String channel) {
        requireContext(context);
        AuthorityDecision inForce = decisions.inForceAt(context, at).orElse(null);
        if (inForce == null) {
            return new Resolution(Side.LEGACY, null);
        }
        return new Resolution(AuthorityDecided.sideFor(inForce.stage(), inForce.cohorts(), productLine, region, channel),
                inForce.decisionId());
    }

    /** Who was authoritative, and by which decision ({@code null}: before the context's first decision). */
    public record Resolution(Side side, String decisionId) {
    }

    /** The contexts with a rule set of their own: the ones authority can move in. */
    public List<String> contexts() {
        return rules.ruleSets().stream().map(RuleSet::context).filter(context -> !"*".equals(context)).toList();
    }

    private void requireContext(String context) {
        if (!contexts().contains(context)) {
            throw new NoRuleSetException(context);
        }
    }

    private static String text(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidDecisionException(field, "is required");
            }
            return null;
        }
        if (value.isBlank()) {
            throw new InvalidDecisionException(field, "must not be blank");
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidDecisionException(field, "must be at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }
}
