package dev.parallelrun.reconciliation.config;

import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import java.time.Clock;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Stores every rule set in force (immutably) and records its activation, at start-up and before the
 * correlation starts, so that every verdict's {@code ruleSetVersion} names a stored rule set. With
 * {@code reconciliation.rules.require-what-if} a rule set never stored before must have been tried in a what-if
 * (docs/rules.md, "What-if") or the service does not start.
 */
@Component
class RuleSetRegistration implements InitializingBean {

    private final RuleSetStore store;
    private final RuleBasedComparator comparator;
    private final Clock clock;
    private final boolean requireWhatIf;

    RuleSetRegistration(RuleSetStore store, RuleBasedComparator comparator, Clock clock,
            ReconciliationProperties properties) {
        this.store = store;
        this.comparator = comparator;
        this.clock = clock;
        this.requireWhatIf = properties.rules().requireWhatIf();
    }

    @Override
    public void afterPropertiesSet() {
        // the built-in fallback is no file anyone could run a what-if on
        store.activate(comparator.ruleSets(), clock.instant(),
                ruleSet -> requireWhatIf && !RuleSetParser.FALLBACK_SOURCE.equals(ruleSet.source()));
    }
}
