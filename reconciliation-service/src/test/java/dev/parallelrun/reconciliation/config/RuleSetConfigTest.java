package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Start-up with rule sets: what is loaded from where, and that a bad rule set stops the service. */
class RuleSetConfigTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(RuleSetConfig.class)
            .withPropertyValues("reconciliation.rules.redaction-key=" + RuleSetFixtures.TEST_KEY);

    @TempDir
    Path folder;

    @Test
    void loadsTheShippedClaimsRulesByDefault() {
        runner.run(context -> {
            RuleBasedComparator comparator = context.getBean(RuleBasedComparator.class);
            assertThat(comparator.ruleSetVersion("claims")).isEqualTo(RuleSetFixtures.claims().version());
        });
    }

    @Test
    void loadsRuleSetsFromAnExternalFolder() throws Exception {
        Files.write(folder.resolve("orders.yml"), RuleSetFixtures.resource("test-rules/orders.yml"));

        runner.withPropertyValues("reconciliation.rules.locations=classpath:rules/,file:" + folder + "/").run(context -> {
            RuleBasedComparator comparator = context.getBean(RuleBasedComparator.class);
            assertThat(comparator.ruleSetVersion("orders")).startsWith("orders-7@sha256:");
            assertThat(comparator.ruleSet("orders").source()).isEqualTo("file:" + folder + "/orders.yml");
            assertThat(comparator.ruleSetVersion("claims")).startsWith("claims-1@sha256:");
        });
    }

    @Test
    void refusesToStartWithABadRuleFileAndSaysWhere() throws Exception {
        Files.writeString(folder.resolve("payments.yml"), """
                context: payments
                version: payments-1
                outcomeTypes:
                  PaymentMade:
                    fields:
                      - path: /amount
                        comparator: numeric
                        absolute: -1
                """);

        runner.withPropertyValues("reconciliation.rules.locations=file:" + folder + "/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage("rule set file:" + folder
                    + "/payments.yml, outcomeTypes.PaymentMade.fields[0] (/amount): absolute must not be negative");
        });
    }

    @Test
    void refusesToStartWithTwoRuleSetsForOneContext() throws Exception {
        Files.write(folder.resolve("claims-copy.yml"), RuleSetFixtures.resource("rules/claims.yml"));

        runner.withPropertyValues("reconciliation.rules.locations=classpath:rules/,file:" + folder + "/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage("context claims has two rule sets: "
                    + "classpath:rules/claims.yml and file:" + folder + "/claims-copy.yml; keep one per context");
        });
    }

    @Test
    void refusesToStartWhenALocationHoldsNoRuleSets() {
        runner.withPropertyValues("reconciliation.rules.locations=file:" + folder + "/nothing-here/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no rule set files (*.yml, *.yaml) found at file:");
        });
    }

    @Test
    void refusesToStartWhenRulesHashButNoKeyIsConfigured() {
        new ApplicationContextRunner().withUserConfiguration(RuleSetConfig.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no redaction key is configured");
        });
    }

    @Test
    void takesWindowAndGraceFromConfigurationThenTheRuleSetThenTheDefaults() {
        // what reconciliation-service.yml gives when RECONCILIATION_CLAIMS_WINDOW and _GRACE are unset
        var properties = bind(Map.of("reconciliation.correlation.contexts.claims.window", "",
                "reconciliation.correlation.contexts.claims.grace", "",
                "reconciliation.correlation.contexts.orders.window", "3s"));
        var fromRuleSets = Map.of(
                "claims", new ReconciliationProperties.ContextTiming(Duration.ofSeconds(45), null),
                "orders", new ReconciliationProperties.ContextTiming(Duration.ofSeconds(10), Duration.ofMinutes(1)));

        var policy = properties.correlation().policy(fromRuleSets);

        assertThat(policy.timing("claims").window()).isEqualTo(Duration.ofSeconds(45));
        assertThat(policy.timing("claims").grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.timing("orders").window()).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.timing("orders").grace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.timing("elsewhere").window()).isEqualTo(Duration.ofSeconds(30));
    }

    private static ReconciliationProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("reconciliation", ReconciliationProperties.class);
    }
}
