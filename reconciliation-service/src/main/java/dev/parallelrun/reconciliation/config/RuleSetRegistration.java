package dev.parallelrun.reconciliation.config;

import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import java.time.Clock;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Stores every rule set in force (immutably) and records its activation, at start-up and before the
 * correlation starts, so that every verdict's {@code ruleSetVersion} names a stored rule set.
 */
@Component
class RuleSetRegistration implements InitializingBean {

    private final RuleSetStore store;
    private final RuleBasedComparator comparator;
    private final Clock clock;

    RuleSetRegistration(RuleSetStore store, RuleBasedComparator comparator, Clock clock) {
        this.store = store;
        this.comparator = comparator;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        store.activate(comparator.ruleSets(), clock.instant());
    }
}
