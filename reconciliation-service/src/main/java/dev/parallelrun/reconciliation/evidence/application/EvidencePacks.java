package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.AuthorityDecision;
import dev.parallelrun.reconciliation.evidence.domain.EvidenceDigest;
import dev.parallelrun.reconciliation.evidence.domain.EvidencePack;
import dev.parallelrun.reconciliation.evidence.domain.EvidencePeriod;
import dev.parallelrun.reconciliation.evidence.domain.VerdictCount;
import dev.parallelrun.reconciliation.readiness.ReadinessEvaluator;
import dev.parallelrun.reconciliation.readiness.ReadinessReport;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Assembles the evidence pack of a context and period from what is stored (verdicts, rule sets and their
 * activations, authority decisions with their readiness snapshots, replays requested, divergence cases by their state
 * at the period's end from their append-only history, sign-offs) and, for an open period only, the
 * readiness evaluated now: everything a closed period's pack holds is stored and immutable, so its digest stays
 * the same until its data changes.
 */
@Service
public class EvidencePacks {

    private final VerdictCounts verdicts;
    private final RuleSetHistory ruleSets;
    private final AuthorityDecisions decisions;
    private final SignOffLedger signOffs;
    private final ReplayHistory replays;
    private final CaseHistory cases;
    private final ObjectProvider<ReadinessEvaluator> readiness;
    private final Clock clock;

    /** @param readiness the readiness feature's evaluator; a build without one says so in an open period's pack */
    public EvidencePacks(VerdictCounts verdicts, RuleSetHistory ruleSets, AuthorityDecisions decisions,
            SignOffLedger signOffs, ReplayHistory replays, CaseHistory cases, ObjectProvider<ReadinessEvaluator> readiness,
            Clock clock) {
        this.verdicts = verdicts;
        this.ruleSets = ruleSets;
        this.decisions = decisions;
        this.signOffs = signOffs;
        this.replays = replays;
        this.cases = cases;
        this.readiness = readiness;
        this.clock = clock;
    }

    /**
     * The pack as served: the evidence, its digest, when it was generated and the context's sign-offs.
     *
     * @throws UnknownContextException when no rule set was ever stored for the context
     */
    public ObjectNode assemble(String context, EvidencePeriod period) {
        requireKnown(context);
        return EvidencePack.complete(evidence(context, period), clock.instant(), signOffs.ofContext(context));
    }

    /**
     * The digest of the pack of a context and period as it would be assembled now.
     *
     * @throws UnknownContextException when no rule set was ever stored for the context
     */
    public String digest(String context, EvidencePeriod period) {
        requireKnown(context);
        return EvidenceDigest.of(evidence(context, period));
    }

    /** @throws UnknownContextException when no rule set was ever stored for the context */
    public void requireKnown(String context) {
        if (!ruleSets.knows(context)) {
            throw new UnknownContextException(context);
        }
    }

    private ObjectNode evidence(String context, EvidencePeriod period) {
        List<VerdictCount> counts = verdicts.countByHour(context, period.from(), period.to());
        List<AuthorityDecision> decided = decisions.decidedBetween(context, period.from(), period.to());
        Set<String> named = new TreeSet<>();
        counts.forEach(count -> named.add(count.ruleSetVersion()));
        JsonNode current = null;
        if (period.open()) {
            ReadinessEvaluator evaluator = readiness.getIfAvailable();
            current = evaluator == null ? null : reportNode(evaluator.evaluate(context, List.of()));
        }
        return EvidencePack.evidence(context, period, counts, ruleSets.inForce(context, period.from(), period.to(), named),
                decided, replays.requestedBetween(context, period.from(), period.to()),
                cases.countsAtEnd(context, period.from(), period.to()), current);
    }

    /** A readiness report as the readiness endpoint and the decisions' snapshots show it, its instant in ISO-8601. */
    static ObjectNode reportNode(ReadinessReport report) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("context", report.context());
        node.put("ready", report.ready());
        node.put("evaluatedAt", report.evaluatedAt() == null ? null : report.evaluatedAt().toString());
        ArrayNode criteria = node.putArray("criteria");
        for (ReadinessReport.Criterion criterion : report.criteria()) {
            criteria.addObject().put("name", criterion.name()).put("required", criterion.required())
                    .put("actual", criterion.actual()).put("met", criterion.met());
        }
        return node;
    }
}
