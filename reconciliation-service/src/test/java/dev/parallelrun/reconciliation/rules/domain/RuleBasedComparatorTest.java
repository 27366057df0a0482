package dev.parallelrun.reconciliation.rules.domain;

import static dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures.AT;
import static dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import dev.parallelrun.reconciliation.verdicts.domain.Comparison;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RuleBasedComparatorTest {

    private final RuleBasedComparator comparator = RuleSetFixtures.comparator(RuleSetFixtures.orders(), RuleSetFixtures.claims());

    @Test
    void comparesRealValuesButShowsOnlyRedactedOnes() {
        JsonNode legacy = json("{\"gross\": 10, \"customer\": {\"email\": \"anna@example.org\", \"name\": \"Anna\"},"
                + " \"payment\": {\"card\": \"4111111111111111\", \"method\": \"card\"}}");
        JsonNode shadow = json("{\"gross\": 10, \"customer\": {\"email\": \"ann@example.org\", \"name\": \"Anna\"},"
                + " \"payment\": {\"card\": \"4111111111111111\", \"method\": \"card\"}}");

        Comparison comparison = comparator.compare("orders", "OrderPriced", legacy, shadow, AT);

        assertThat(comparison.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(comparison.severity()).isEqualTo(Severity.CRITICAL);
        Difference email = comparison.differences().get(0);
        assertThat(email.path()).isEqualTo("/customer/email");
        assertThat(email.legacy().asString()).startsWith("hmac-sha256:").isNotEqualTo(email.shadow().asString());
        assertThat(email.shadow().asString()).startsWith("hmac-sha256:");
        assertThat(comparison.legacy().get("customer").get("email")).isEqualTo(email.legacy());
        assertThat(comparison.legacy().get("customer").get("name").asString()).isEqualTo("***");
        assertThat(comparison.legacy().get("payment").has("card")).isFalse();
        assertThat(comparison.legacy().get("payment").get("method").asString()).isEqualTo("card");
        assertThat(comparison.toString()).doesNotContain("anna@example.org", "Anna", "4111111111111111");
    }

    @Test
    void hashesEqualValuesEquallySoThatTheyCanStillBeMatched() {
        JsonNode outcome = json("{\"customer\": {\"email\": \"anna@example.org\"}}");

        Comparison comparison = comparator.compare("orders", "OrderPriced", outcome, outcome, AT);

        assertThat(comparison.classification()).isEqualTo(Classification.MATCH);
        assertThat(comparison.legacy().get("customer").get("email")).isEqualTo(comparison.shadow().get("customer").get("email"));
        assertThat(new Redactor("another-key-of-enough-length").redact(RuleSetFixtures.orders().rulesFor("OrderPriced")
                .redaction(), outcome).get("customer").get("email")).isNotEqualTo(comparison.legacy().get("customer").get("email"));
    }

    @Test
    void showsADroppedValueInADifferenceAsMasked() {
        Comparison comparison = comparator.compare("orders", "OrderPriced", json("{\"payment\": {\"card\": \"4111\"}}"),
                json("{\"payment\": {\"card\": \"5500\"}}"), AT);

        assertThat(comparison.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("/payment/card");
            assertThat(d.legacy().asString()).isEqualTo(Redactor.MASK);
            assertThat(d.shadow().asString()).isEqualTo(Redactor.MASK);
        });
    }

    @Test
    void redactsInsideAValueReportedAboveARedactedPath() {
        Comparison comparison = comparator.compare("orders", "OrderPriced",
                json("{\"customer\": {\"email\": \"anna@example.org\", \"name\": \"Anna\"}, \"payment\": {\"card\": \"4111\", \"method\": \"card\"}}"),
                json("{\"customer\": {}, \"payment\": \"cash\"}"), AT);

        assertThat(comparison.differences()).extracting(Difference::path)
                .containsExactly("/customer/email", "/customer/name", "/payment");
        assertThat(comparison.differences().get(0).legacy().asString()).startsWith("hmac-sha256:");
        assertThat(comparison.differences().get(1).legacy().asString()).isEqualTo(Redactor.MASK);
        assertThat(comparison.differences().get(2).legacy()).isEqualTo(json("{\"method\": \"card\"}"));
    }

    @Test
    void showsTheNormalizedOutcomes() {
        Comparison comparison = comparator.compare("orders", "OrderPriced", json("{\"taxBasis\": \"N\"}"),
                json("{\"taxBasis\": \"NET\"}"), AT);

        assertThat(comparison.classification()).isEqualTo(Classification.MATCH);
        assertThat(comparison.legacy().get("taxBasis").asString()).isEqualTo("NET");
    }

    @Test
    void leavesTheReceivedOutcomesUntouched() {
        JsonNode legacy = json("{\"taxBasis\": \"N\", \"customer\": {\"name\": \"Anna\"}}");
        String before = legacy.toString();

        comparator.compare("orders", "OrderPriced", legacy, legacy, AT);
        comparator.view("orders", "OrderPriced", Side.LEGACY, legacy);

        assertThat(legacy.toString()).isEqualTo(before);
    }

    @Test
    void redactsTheViewOfAnOutcomeThatComparesNothing() {
        JsonNode failed = json("{\"reason\": \"legacy-timeout\", \"claimant\": {\"name\": \"Erika\", \"email\": \"erika@example.org\"}}");

        JsonNode view = comparator.view("claims", "PaymentDecided", Side.LEGACY, failed);

        assertThat(view.get("reason").asString()).isEqualTo("legacy-timeout");
        assertThat(view.get("claimant").get("name").asString()).isEqualTo(Redactor.MASK);
        assertThat(view.get("claimant").get("email").asString()).startsWith("hmac-sha256:");
    }

    @Test
    void refusesAHashingRuleSetWithoutAKey() {
        assertThatThrownBy(() -> new RuleBasedComparator(List.of(RuleSetFixtures.claims()), RuleSetParser.fallback(),
                new Redactor(null)))
                .hasMessageContaining("rule set classpath:rules/claims.yml redacts with a keyed hash but no redaction key is configured");
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new Redactor("short")).hasMessage("the redaction key must have at least 16 characters");
    }

    @Test
    void refusesTwoRuleSetsForOneContext() {
        assertThatThrownBy(() -> RuleSetFixtures.comparator(RuleSetFixtures.orders(), RuleSetFixtures.orders()))
                .hasMessage("context orders has two rule sets: classpath:test-rules/orders.yml and "
                        + "classpath:test-rules/orders.yml; keep one per context");
    }

    @Test
    void comparesAContextWithoutRulesWithTheFallback() {
        assertThat(comparator.ruleSetVersion("payments")).startsWith("fallback-1@sha256:");
        assertThat(comparator.ruleSets()).extracting(RuleSet::context).containsExactlyInAnyOrder("orders", "claims", "*");
    }
}
