package dev.parallelrun.reconciliation.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.rules.domain.AcceptedVariance;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class VarianceSnippetTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void proposesOneVarianceWithTheDifferingPathsTheNoteAndTheTicket() {
        String yaml = VarianceSnippet.of(resolved("PAY-42"), List.of("/net", "/lines/[A1,x]/price", "/net"),
                "Legacy rounds half-up, the new service half-even: accepted by finance.");

        assertThat(yaml).isEqualTo("""
                outcomeTypes:
                  "PaymentDecided":
                    variances:
                      - id: "rounding-half-even"
                        paths: ["/net", "/lines/[A1,x]/price"]
                        reason: "Legacy rounds half-up, the new service half-even: accepted by finance."
                        reference: "PAY-42"
                """);
    }

    @Test
    void referencesTheCaseWithoutATicketAndNoNoteCanBreakTheYaml() {
        String note = "a \"quoted\" reason\nwith: a newline, a \\ and a tab\t";

        String yaml = VarianceSnippet.of(resolved(null), List.of(), note);

        @SuppressWarnings("unchecked")
        Map<String, Object> variance = ((List<Map<String, Object>>) ((Map<String, Map<String, Object>>)
                new Yaml().<Map<String, Object>>load(yaml).get("outcomeTypes")).get("PaymentDecided").get("variances")).get(0);
        assertThat(variance).containsEntry("id", "rounding-half-even").containsEntry("reason", note)
                .containsEntry("paths", List.of())
                .containsEntry("reference", "case:3f1c0b7e-5d0e-4a51-9a59-0c8f1d6b2a10");
    }

    @Test
    void isARuleSetEntryTheRuleSetParserAccepts() {
        String yaml = VarianceSnippet.of(resolved("PAY-42"), List.of("/net", "/lines/0/price"), "accepted by finance");

        RuleSet ruleSet = RuleSetParser.parse("proposed.yml", ("context: claims\nversion: claims-next\n" + yaml)
                .getBytes(StandardCharsets.UTF_8));

        AcceptedVariance variance = ruleSet.variances().get("rounding-half-even");
        assertThat(variance.reason()).isEqualTo("accepted by finance");
        assertThat(variance.reference()).isEqualTo("PAY-42");
        assertThat(variance.paths()).hasSize(2);
    }

    private static DivergenceCase resolved(String ticket) {
        return new DivergenceCase("3f1c0b7e-5d0e-4a51-9a59-0c8f1d6b2a10", "corr-1", "claims", "PaymentDecided",
                CaseState.RESOLVED, CaseCategory.ACCEPTED_VARIANCE, "rounding-half-even", null, ticket, Severity.LOW,
                Classification.MISMATCH, "9a1f0b7e-5d0e-4a51-9a59-0c8f1d6b2a10", AT, AT, AT, 4);
    }
}
