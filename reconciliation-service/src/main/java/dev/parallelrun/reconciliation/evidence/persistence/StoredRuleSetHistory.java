package dev.parallelrun.reconciliation.evidence.persistence;

import dev.parallelrun.reconciliation.evidence.application.RuleSetHistory;
import dev.parallelrun.reconciliation.evidence.domain.RuleSetInForce;
import dev.parallelrun.reconciliation.rules.domain.AcceptedVariance;
import dev.parallelrun.reconciliation.rules.domain.OutcomeRules;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetException;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore.StoredRuleSet;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

/**
 * The rule sets in force in a period, from the rule-set store: which versions (the verdicts' and the activations'),
 * and their accepted variances, read from each version's stored file (the file is what was in force, whatever this
 * build's configuration says now).
 */
@Repository
class StoredRuleSetHistory implements RuleSetHistory {

    private static final Logger log = LoggerFactory.getLogger(StoredRuleSetHistory.class);
    /** Built-in rule sets (the structural comparator before versioned rules) have no file and no variances. */
    private static final String BUILT_IN = "built-in:";

    private final RuleSetStore store;

    StoredRuleSetHistory(RuleSetStore store) {
        this.store = store;
    }

    @Override
    public boolean knows(String context) {
        return store.findAll().stream().anyMatch(r -> r.context().equals(context));
    }

    @Override
    public List<RuleSetInForce> inForce(String context, Instant from, Instant to, Set<String> namedByVerdicts) {
        Set<String> versions = new TreeSet<>(namedByVerdicts);
        String lastBefore = null;
        Instant lastBeforeAt = null;
        for (StoredRuleSet stored : store.findAll()) {
            if (!stored.context().equals(context)) {
                continue;
            }
            for (Instant activation : store.activations(stored.version())) {
                if (activation.isBefore(from)) {
                    if (lastBeforeAt == null || activation.isAfter(lastBeforeAt)) {
                        lastBeforeAt = activation;
                        lastBefore = stored.version();
                    }
                } else if (activation.isBefore(to)) {
                    versions.add(stored.version());
                }
            }
        }
        if (lastBefore != null) {
            versions.add(lastBefore);
        }
        List<RuleSetInForce> inForce = new ArrayList<>();
        for (String version : versions) {
            store.find(version).ifPresent(stored -> inForce.add(inForce(stored)));
        }
        return inForce;
    }

    private static RuleSetInForce inForce(StoredRuleSet stored) {
        List<RuleSetInForce.Variance> variances = new ArrayList<>();
        String unreadable = null;
        if (!stored.source().startsWith(BUILT_IN)) {
            try {
                RuleSet ruleSet = RuleSetParser.parse(stored.source(), stored.content().getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, OutcomeRules> type : ruleSet.outcomeTypes().entrySet()) {
                    for (AcceptedVariance variance : type.getValue().variances()) {
                        variances.add(new RuleSetInForce.Variance(variance.id(), type.getKey(), variance.reason(),
                                variance.reference(), variance.expiresAt()));
                    }
                }
            } catch (RuleSetException e) {
                // a stored file this build no longer reads: the evidence says so instead of guessing
                log.warn("accepted variances of rule set {} are not readable: {}", stored.version(), e.getMessage());
                variances = null;
                unreadable = e.getMessage();
            }
        }
        return new RuleSetInForce(stored.version(), stored.context(), stored.declaredVersion(), stored.contentSha256(),
                stored.source(), stored.activatedAt(), variances, unreadable);
    }
}
