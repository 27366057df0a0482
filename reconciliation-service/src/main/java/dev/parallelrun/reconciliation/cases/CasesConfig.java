package dev.parallelrun.reconciliation.cases;

import dev.parallelrun.reconciliation.cases.application.CaseFollowUp;
import dev.parallelrun.reconciliation.cases.application.CaseGauges;
import dev.parallelrun.reconciliation.cases.application.Cases;
import dev.parallelrun.reconciliation.cases.persistence.JdbcCaseStore;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The divergence cases' wiring: the store, the follow-up the verdict store calls in its transaction (as a
 * {@code verdicts.VerdictFollowUp}: verdicts never depend on cases), the use cases and the gauges.
 */
@Configuration(proxyBeanMethods = false)
class CasesConfig {

    @Bean
    JdbcCaseStore caseStore(JdbcTemplate jdbc) {
        return new JdbcCaseStore(jdbc);
    }

    @Bean
    CaseFollowUp caseFollowUp(JdbcCaseStore store, Clock clock) {
        return new CaseFollowUp(store, clock);
    }

    @Bean
    Cases cases(JdbcCaseStore store, Clock clock) {
        return new Cases(store, clock);
    }

    @Bean
    CaseGauges caseGauges(JdbcCaseStore store, MeterRegistry registry, RuleBasedComparator comparator, Clock clock) {
        return new CaseGauges(store, registry, Duration.ofSeconds(10), comparator.ruleSets().stream()
                .map(RuleSet::context).filter(c -> !"*".equals(c)).collect(Collectors.toSet()), clock);
    }
}
