package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RuleSetRegistrationTest {

    private final RuleSet claims = RuleSetFixtures.claims();
    private final RuleBasedComparator comparator = RuleSetFixtures.comparator(claims);

    @Test
    void requiresAWhatIfForRuleSetFilesOnlyWhenConfigured() {
        Predicate<RuleSet> required = registered(true);

        assertThat(required.test(claims)).isTrue();
        assertThat(required.test(RuleSetParser.fallback())).as("the built-in fallback is no file").isFalse();
    }

    @Test
    void requiresNoWhatIfByDefault() {
        Predicate<RuleSet> required = registered(false);

        assertThat(required.test(claims)).isFalse();
    }

    private Predicate<RuleSet> registered(boolean requireWhatIf) {
        CapturingStore store = new CapturingStore();
        ReconciliationProperties properties = new ReconciliationProperties(null, null, null,
                new ReconciliationProperties.Rules(List.of("classpath:rules/"), null, requireWhatIf), null, null, null);
        new RuleSetRegistration(store, comparator, Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC),
                properties).afterPropertiesSet();
        assertThat(store.activated).containsExactlyElementsOf(comparator.ruleSets());
        return store.requiresWhatIf;
    }

    /** Records what registration asks of the store. */
    private static final class CapturingStore extends RuleSetStore {
        Collection<RuleSet> activated;
        Predicate<RuleSet> requiresWhatIf;

        CapturingStore() {
            super(null);
        }

        @Override
        public void activate(Collection<RuleSet> ruleSets, Instant now, Predicate<RuleSet> requiresWhatIf) {
            this.activated = ruleSets;
            this.requiresWhatIf = requiresWhatIf;
        }
    }
}
