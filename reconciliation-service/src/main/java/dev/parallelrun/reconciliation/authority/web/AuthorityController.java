package dev.parallelrun.reconciliation.authority.web;

import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.reconciliation.authority.application.AuthorityDecision;
import dev.parallelrun.reconciliation.authority.application.AuthorityDecisions;
import dev.parallelrun.reconciliation.authority.domain.InvalidDecisionException;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The authority API (ARCHITECTURE.md, "Authority, readiness and evidence"): admins decide, everyone with a role reads
 * the current stages, a context's history and who was authoritative at any instant.
 */
@RestController
@RequestMapping("/api/v1/authority")
class AuthorityController {

    private final AuthorityDecisions decisions;
    private final Clock clock;

    AuthorityController(AuthorityDecisions decisions, Clock clock) {
        this.decisions = decisions;
        this.clock = clock;
    }

    /** The body of a decision; {@code cohorts} only for SELECTIVE. */
    record DecisionBody(String stage, List<CohortBody> cohorts, String reason, String overrideReadiness) {
    }

    /** A cohort as posted: at least one attribute. */
    record CohortBody(String productLine, String region, String channel) {
    }

    /** One context's current state; {@code decisionId} and {@code decidedAt} are null before its first decision. */
    record CurrentView(String context, AuthorityStage stage, List<Cohort> cohorts, String decisionId, Instant decidedAt) {
    }

    /** Who was authoritative: {@code legacy} or {@code shadow}, and the decision in force (null before any). */
    record ResolutionView(String side, String decisionId) {
    }

    @PostMapping("/{context}/decisions")
    ResponseEntity<AuthorityDecision> decide(@PathVariable String context, @RequestBody DecisionBody body,
            Principal principal) {
        List<Cohort> cohorts = new ArrayList<>();
        if (body.cohorts() != null) {
            for (int i = 0; i < body.cohorts().size(); i++) {
                CohortBody cohort = body.cohorts().get(i);
                if (cohort == null) {
                    throw new InvalidDecisionException("cohorts[" + i + "]", "must be an object such as "
                            + "{\"productLine\": \"motor\", \"region\": \"DE\"}");
                }
                try {
                    cohorts.add(new Cohort(cohort.productLine(), cohort.region(), cohort.channel()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidDecisionException("cohorts[" + i + "]", e.getMessage());
                }
            }
        }
        AuthorityDecision decision = decisions.decide(context,
                new AuthorityDecisions.Request(body.stage(), cohorts, body.reason(), body.overrideReadiness()),
                principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/authority/" + context + "/decisions/" + decision.decisionId()))
                .body(decision);
    }

    @GetMapping
    List<CurrentView> current() {
        return decisions.current().stream().map(current -> new CurrentView(current.context(), current.state().stage(),
                current.state().cohorts(), current.state().decisionId(), current.decidedAt())).toList();
    }

    @GetMapping("/{context}/decisions")
    List<AuthorityDecision> history(@PathVariable String context) {
        return decisions.history(context);
    }

    @GetMapping("/{context}/decisions/{decisionId}")
    AuthorityDecision decision(@PathVariable String context, @PathVariable String decisionId) {
        return decisions.history(context).stream().filter(d -> d.decisionId().equals(decisionId)).findFirst()
                .orElseThrow(() -> new DecisionNotFoundException(context, decisionId));
    }

    @GetMapping("/{context}/resolve")
    ResolutionView resolve(@PathVariable String context, @RequestParam(required = false) String at,
            @RequestParam(required = false) String productLine, @RequestParam(required = false) String region,
            @RequestParam(required = false) String channel) {
        Instant instant;
        try {
            instant = at == null || at.isBlank() ? clock.instant() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("at", "must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z");
        }
        var resolution = decisions.resolve(context, instant, blankToNull(productLine), blankToNull(region),
                blankToNull(channel));
        return new ResolutionView(resolution.side().wireName(), resolution.decisionId());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
