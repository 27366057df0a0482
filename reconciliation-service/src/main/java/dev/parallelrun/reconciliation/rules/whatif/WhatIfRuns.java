package dev.parallelrun.reconciliation.rules.whatif;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetException;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import dev.parallelrun.reconciliation.rules.whatif.domain.ClassChange;
import dev.parallelrun.reconciliation.rules.whatif.domain.NotComparable;
import dev.parallelrun.reconciliation.rules.whatif.domain.WhatIfComparison;
import dev.parallelrun.reconciliation.rules.whatif.domain.WhatIfOutcome;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Runs what-ifs: checks the request, parses the candidate, re-compares the period's live pairs under it
 * ({@link WhatIfComparison}) and stores the report. Reads verdicts, writes nothing but the report; a request it
 * refuses stores nothing.
 */
@Service
public class WhatIfRuns {

    private static final Logger log = LoggerFactory.getLogger(WhatIfRuns.class);

    private final WhatIfStore store;
    private final RuleSetStore ruleSets;
    private final RuleBasedComparator comparator;
    private final MeterRegistry registry;
    private final Clock clock;
    private final EventCodec codec = EventCodec.standard();

    WhatIfRuns(WhatIfStore store, RuleSetStore ruleSets, RuleBasedComparator comparator, MeterRegistry registry,
            Clock clock) {
        this.store = store;
        this.ruleSets = ruleSets;
        this.comparator = comparator;
        this.registry = registry;
        this.clock = clock;
        // every series a panel reads is there from the start, at zero
        for (String context : knownContexts()) {
            registry.timer("parallelrun.what.if.run.duration", "context", context);
            registry.counter("parallelrun.what.if.runs", "context", context);
        }
    }

    /**
     * @return the stored report, as {@code GET /api/v1/rule-sets/what-if/{reportId}} serves it
     * @throws InvalidQueryException      for an unknown context or a period that ends before it starts
     * @throws CandidateRejectedException for a candidate that cannot be used
     */
    public JsonNode run(String context, Instant from, Instant to, byte[] candidateYaml, String requestedBy) {
        if (from.isAfter(to)) {
            throw new InvalidQueryException("from", "must not be after to (" + from + " > " + to + ")");
        }
        RuleSet inForce = comparator.ruleSet(context);
        if (!inForce.context().equals(context)) {
            throw new InvalidQueryException("context", "'" + context + "' is not a context with a rule set in force; "
                    + "known: " + String.join(", ", knownContexts()));
        }
        RuleSet candidate = parse(context, candidateYaml);
        WhatIfComparison comparison;
        try {
            comparison = new WhatIfComparison(context, comparator, candidate, this::ruleSetOf);
        } catch (IllegalArgumentException e) {
            throw new CandidateRejectedException("Unusable candidate rule set", e.getMessage(), null);
        }
        Timer.Sample sample = Timer.start(registry);
        store.streamLivePairs(context, from, to, comparison::add);
        WhatIfOutcome outcome = comparison.outcome(inForce.version());
        sample.stop(registry.timer("parallelrun.what.if.run.duration", "context", context));
        registry.counter("parallelrun.what.if.runs", "context", context).increment();

        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        JsonNode report = codec.mapper().valueToTree(new WhatIfReport(id.toString(), context, from, to, requestedBy, now,
                outcome.candidateVersion(), candidate.contentSha256(), outcome.baseVersion(), outcome.baseVersions(),
                outcome.compared(), outcome.unchanged(), outcome.skipped(), outcome.skippedByReason(), outcome.changes(),
                outcome.notComparable()));
        store.save(new WhatIfStore.StoredReport(id, context, from, to, candidate.version(), candidate.contentSha256(),
                candidate.content(), inForce.version(), report, requestedBy, now));
        log.info("what-if run: user={} context={} from={} to={} candidate={} base={} compared={} unchanged={} report={}",
                requestedBy, context, from, to, candidate.version(), inForce.version(), outcome.compared(),
                outcome.unchanged(), id);
        return report;
    }

    private RuleSet parse(String context, byte[] yaml) {
        RuleSet candidate;
        try {
            candidate = RuleSetParser.parse("candidate", yaml);
        } catch (RuleSetException e) {
            throw new CandidateRejectedException("Invalid candidate rule set", e.getMessage(), e.rule());
        }
        if (!candidate.context().equals(context)) {
            throw new CandidateRejectedException("Candidate for another context", "the candidate rule set is for context '"
                    + candidate.context() + "', the what-if asks for context '" + context + "'", "context");
        }
        return candidate;
    }

    /** The rule set a stored verdict names: the one in force, or the stored one read back; {@code null} if neither. */
    private RuleSet ruleSetOf(String version) {
        for (RuleSet ruleSet : comparator.ruleSets()) {
            if (ruleSet.version().equals(version)) {
                return ruleSet;
            }
        }
        return ruleSets.find(version).map(stored -> {
            try {
                return RuleSetParser.parse(stored.source(), stored.content().getBytes(StandardCharsets.UTF_8));
            } catch (RuleSetException e) {
                // a retired built-in (structural-1) is no rule-set file: it redacted nothing
                return null;
            }
        }).orElse(null);
    }

    private List<String> knownContexts() {
        TreeSet<String> contexts = new TreeSet<>();
        comparator.ruleSets().stream().map(RuleSet::context).filter(c -> !c.equals("*")).forEach(contexts::add);
        return List.copyOf(contexts);
    }

    /**
     * The report as served and stored.
     *
     * @param candidateSha256 the candidate file's SHA-256: an activation of exactly this file records this report
     */
    record WhatIfReport(String reportId, String context, Instant from, Instant to, String requestedBy,
            Instant requestedAt, String candidateVersion, String candidateSha256, String baseVersion,
            Map<String, Long> baseVersions, long compared, long unchanged, long skipped,
            Map<String, Long> skippedByReason, List<ClassChange> changes, List<NotComparable> notComparable) {
    }
}
