package dev.parallelrun.reconciliation.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetException;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the rule-set parser. Whatever a rule file holds, parsing yields a rule set
 * or a {@link RuleSetException} that names the file, the rule and the problem (so a bad file stops
 * start-up, or is refused by {@code PUT /api/v1/rule-sets}, with a message that says where to look); any
 * other throwable is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the corpus in {@code RuleSetParserFuzzTestInputs/} as a
 * regression test; see docs/development.md for a fuzzing session.
 */
class RuleSetParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parsesAnyFileIntoARuleSetOrARuleSetExceptionNamingTheRule(byte[] file) {
        RuleSet rules;
        try {
            rules = RuleSetParser.parse("fuzz.yml", file);
        } catch (RuleSetException refused) {
            assertThat(refused.source()).isEqualTo("fuzz.yml");
            assertThat(refused.rule()).isNotBlank();
            assertThat(refused.problem()).isNotBlank();
            return;
        }
        assertThat(rules.context()).isNotBlank();
    }
}
