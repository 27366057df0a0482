package dev.parallelrun.reconciliation.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.reconciliation.rules.domain.AcceptedVariance;
import dev.parallelrun.reconciliation.rules.domain.ReadinessTargets;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetException;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import dev.parallelrun.reconciliation.rules.domain.ValueComparator;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSetParserTest {

    private static final String HEAD = "context: orders\nversion: orders-1\n";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("not YAML", "context: [orders\n", "the file", "is not valid YAML"),
                Arguments.of("empty file", "", "the file", "is empty"),
                Arguments.of("no context", "version: v1\n", "top level", "'context' is required"),
                Arguments.of("no version", "context: orders\n", "top level", "'version' is required"),
                Arguments.of("bad version", "context: orders\nversion: orders 1\n", "top level",
                        "'version' orders 1 may only contain letters, digits, '.', '_' and '-'"),
                Arguments.of("unknown top-level key", HEAD + "outcometypes: {}\n", "top level",
                        "unknown key 'outcometypes'; expected one of: context, version, description, correlation, default, redaction, outcomeTypes, readiness"),
                Arguments.of("duplicate key", HEAD + "version: orders-2\n", "the file", "is not valid YAML: Duplicate Object property \"version\" (line 3"),
                Arguments.of("bad window", HEAD + "correlation: {window: soon}\n", "correlation",
                        "window 'soon' is not a duration; write e.g. 30s, 5m, 1h or PT30S"),
                Arguments.of("zero window", HEAD + "correlation: {window: 0s}\n", "correlation", "window must be positive"),
                Arguments.of("negative grace", HEAD + "correlation: {grace: PT-1S}\n", "correlation",
                        "grace must be zero or positive"),
                Arguments.of("fields not a list", HEAD + "outcomeTypes: {T: {fields: {path: /a}}}\n", "outcomeTypes.T.fields",
                        "must be a list (each item starting with '-')"),
                Arguments.of("rule without path", HEAD + "outcomeTypes: {T: {fields: [{comparator: exact}]}}\n",
                        "outcomeTypes.T.fields[0]", "'path' is required (a JSON Pointer such as /amount)"),
                Arguments.of("path not a pointer", HEAD + "outcomeTypes: {T: {fields: [{path: amount, comparator: exact}]}}\n",
                        "outcomeTypes.T.fields[0] (amount)", "path: 'amount' is not a JSON Pointer: it must start with '/'"),
                Arguments.of("bad pointer escape", HEAD + "outcomeTypes: {T: {fields: [{path: /a~2b, comparator: exact}]}}\n",
                        "outcomeTypes.T.fields[0] (/a~2b)", "'~' must be followed by 0 or 1"),
                Arguments.of("rule without comparator", HEAD + "outcomeTypes: {T: {fields: [{path: /a}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "'comparator' is required"),
                Arguments.of("unknown comparator", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: fuzzy}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)",
                        "unknown comparator 'fuzzy'; known: exact, ignore, presence, numeric, rounding, text, timestamp, unordered"),
                Arguments.of("option of another comparator", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: text, places: 2}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)",
                        "option 'places' does not apply to comparator text (its options: ignoreCase, whitespace)"),
                Arguments.of("misspelt option", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: numeric, tolerence: 1}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "unknown key 'tolerence'; a field rule has: path, comparator, severity, map, absolute, relative"),
                Arguments.of("negative tolerance", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: numeric, absolute: -0.01}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "absolute must not be negative"),
                Arguments.of("tolerance as text", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: numeric, absolute: one}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "absolute must be a number, not \"one\""),
                Arguments.of("relative over 100%", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: numeric, relative: 5}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "relative tolerance 5 is more than 1 (100%); write 0.01 for one percent"),
                Arguments.of("rounding without places", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: rounding, modes: [HALF_UP, HALF_EVEN]}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "comparator rounding needs places (decimal places, e.g. places: 2)"),
                Arguments.of("rounding with bad places", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: rounding, places: 2.5, modes: [HALF_UP, HALF_EVEN]}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "places must be a whole number from 0 to 18, not 2.5"),
                Arguments.of("rounding with an unknown mode", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: rounding, places: 2, modes: [HALF_UP, BANKERS]}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "unknown rounding mode 'BANKERS'; use HALF_UP, HALF_EVEN or HALF_DOWN"),
                Arguments.of("rounding with one mode twice", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: rounding, places: 2, legacy: HALF_UP, shadow: HALF_UP}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "the two rounding modes are both HALF_UP; for one policy on both sides use numeric or exact"),
                Arguments.of("rounding with modes and sides", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: rounding, places: 2, modes: [HALF_UP, HALF_EVEN], legacy: HALF_UP}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "rounding needs either modes: [HALF_UP, HALF_EVEN]"),
                Arguments.of("rounding with one side", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: rounding, places: 2, legacy: HALF_UP}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "rounding needs both legacy: and shadow: modes"),
                Arguments.of("timestamp without tolerance", HEAD + "outcomeTypes: {T: {fields: [{path: /t, comparator: timestamp}]}}\n",
                        "outcomeTypes.T.fields[0] (/t)", "comparator timestamp needs a tolerance, e.g. tolerance: 2s"),
                Arguments.of("text with unknown whitespace", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /t, comparator: text, whitespace: squash}]}}\n",
                        "outcomeTypes.T.fields[0] (/t)", "unknown whitespace 'squash'; use exact, collapse, remove"),
                Arguments.of("text with ignoreCase not boolean", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /t, comparator: text, ignoreCase: maybe}]}}\n",
                        "outcomeTypes.T.fields[0] (/t)", "'ignoreCase' must be true or false"),
                Arguments.of("unordered key with a wildcard", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /l, comparator: unordered, key: /a/*}]}}\n",
                        "outcomeTypes.T.fields[0] (/l)", "key /a/* must not contain '*'"),
                Arguments.of("unknown severity", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: exact, severity: SEVERE}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "unknown severity 'SEVERE'; use LOW, MEDIUM, HIGH or CRITICAL"),
                Arguments.of("severity NONE", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: exact, severity: NONE}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "unknown severity 'NONE'; use LOW, MEDIUM, HIGH or CRITICAL"),
                Arguments.of("severity on ignore", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: ignore, severity: LOW}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "severity has no meaning for comparator ignore"),
                Arguments.of("two rules for one path", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: exact}, {path: /a, comparator: ignore}]}}\n",
                        "outcomeTypes.T.fields[1] (/a)", "path /a already has a rule (outcomeTypes.T.fields[0]); write one rule per path"),
                Arguments.of("map on ignore", HEAD + "outcomeTypes: {T: {fields: [{path: /a, comparator: ignore, map: {legacy: {A: B}}}]}}\n",
                        "outcomeTypes.T.fields[0] (/a)", "map has no effect with comparator ignore"),
                Arguments.of("map for an unknown side", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: exact, map: {old: {A: B}}}]}}\n",
                        "outcomeTypes.T.fields[0] (/a).map", "unknown key 'old'; expected one of: legacy, shadow, both"),
                Arguments.of("map to a list", HEAD
                        + "outcomeTypes: {T: {fields: [{path: /a, comparator: exact, map: {legacy: {A: [B]}}}]}}\n",
                        "outcomeTypes.T.fields[0] (/a).map", "legacy maps 'A' to an object or list; map to a value"),
                Arguments.of("default of a comparator that needs a path", HEAD + "default: {comparator: unordered}\n",
                        "default", "a default rule is exact, presence or ignore; 'unordered' needs a path of its own"),
                Arguments.of("variance without id", HEAD
                        + "outcomeTypes: {T: {variances: [{paths: [/a], reason: r, reference: x}]}}\n",
                        "outcomeTypes.T.variances[0]", "'id' is required"),
                Arguments.of("variance without paths", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, reason: r, reference: x}]}}\n",
                        "outcomeTypes.T.variances[0] (v)", "paths is required: the JSON Pointers the variance covers"),
                Arguments.of("variance without reason", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reference: x}]}}\n",
                        "outcomeTypes.T.variances[0] (v)", "'reason' is required"),
                Arguments.of("variance without reference", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reason: r}]}}\n",
                        "outcomeTypes.T.variances[0] (v)", "'reference' is required"),
                Arguments.of("variance with a bad expiry", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reason: r, reference: x, expires: next year}]}}\n",
                        "outcomeTypes.T.variances[0] (v)", "expires 'next year' is neither a date (2027-06-30) nor an instant"),
                Arguments.of("variance id used twice", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reason: r, reference: x}]}, "
                        + "U: {variances: [{id: v, paths: [/b], reason: r, reference: x}]}}\n",
                        "outcomeTypes.U.variances[0] (v)", "variance id v is used twice; ids must be unique in a rule set"),
                Arguments.of("condition with two tests", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reason: r, reference: x, when: [{path: /b, equals: 1, present: true}]}]}}\n",
                        "outcomeTypes.T.variances[0] (v).when[0]",
                        "a condition tests one thing: give exactly one of equals, in, present, agree (found equals, present)"),
                Arguments.of("condition with a wildcard", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reason: r, reference: x, when: [{path: /b/*, present: true}]}]}}\n",
                        "outcomeTypes.T.variances[0] (v).when[0]", "a condition's path must not contain '*'"),
                Arguments.of("condition with an unknown side", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reason: r, reference: x, when: [{path: /b, side: new, present: true}]}]}}\n",
                        "outcomeTypes.T.variances[0] (v).when[0]", "unknown side 'new'; use legacy, shadow, both"),
                Arguments.of("redaction with an unknown action", HEAD + "redaction: [{path: /email, action: encrypt}]\n",
                        "redaction[0] (/email)", "unknown action 'encrypt'; use drop, mask, hash"),
                Arguments.of("redaction without a path", HEAD + "outcomeTypes: {T: {redaction: [{action: mask}]}}\n",
                        "outcomeTypes.T.redaction[0]", "'path' is required"),
                // these escaped as NumberFormatException, ArithmeticException, DateTimeException (RuleSetParserFuzzTest: only RuleSetException)
                Arguments.of("window beyond a long", HEAD + "correlation: {window: 99999999999999999999s}\n", "correlation",
                        "window '99999999999999999999s' is too long a duration"),
                Arguments.of("window beyond a duration", HEAD + "correlation: {window: 999999999999999d}\n", "correlation",
                        "window '999999999999999d' is too long a duration"),
                Arguments.of("variance expiring on the last date there is", HEAD
                        + "outcomeTypes: {T: {variances: [{id: v, paths: [/a], reason: r, reference: x, expires: '+999999999-12-31'}]}}\n",
                        "outcomeTypes.T.variances[0] (v)", "expires '+999999999-12-31' is the last date there is"),
                Arguments.of("readiness not a mapping", HEAD + "readiness: [1]\n", "readiness",
                        "must be a mapping of keys to values"),
                Arguments.of("unknown readiness key", HEAD + "readiness: {minimumVolumes: 5}\n", "readiness",
                        "unknown key 'minimumVolumes'; expected one of: evaluationWindow, minimumVolume, sustainedHours, "
                                + "cohortMinimumVolume, targets, latencyFactor"),
                Arguments.of("bad evaluation window", HEAD + "readiness: {evaluationWindow: a day}\n", "readiness",
                        "evaluationWindow 'a day' is not a duration"),
                Arguments.of("zero evaluation window", HEAD + "readiness: {evaluationWindow: PT0S}\n", "readiness",
                        "evaluationWindow must be positive"),
                Arguments.of("negative minimum volume", HEAD + "readiness: {minimumVolume: -1}\n", "readiness",
                        "minimumVolume must be a whole number from 0 to 2147483647, not -1"),
                Arguments.of("fractional minimum volume", HEAD + "readiness: {minimumVolume: 2.5}\n", "readiness",
                        "minimumVolume must be a whole number"),
                Arguments.of("sustained beyond a month", HEAD + "readiness: {sustainedHours: 745}\n", "readiness",
                        "sustainedHours must be a whole number from 0 to 744, not 745"),
                Arguments.of("cohort volume as text", HEAD + "readiness: {cohortMinimumVolume: many}\n", "readiness",
                        "cohortMinimumVolume must be a whole number"),
                Arguments.of("targets not a mapping", HEAD + "readiness: {targets: [0.9]}\n", "readiness.targets",
                        "must be a mapping of keys to values"),
                Arguments.of("target above 1", HEAD + "readiness: {targets: {T: 1.5}}\n", "readiness.targets.T",
                        "a target is a match rate between 0 and 1 (e.g. 0.98), not 1.5"),
                Arguments.of("target as a percentage text", HEAD + "readiness: {targets: {T: 98%}}\n", "readiness.targets.T",
                        "a target is a match rate between 0 and 1"),
                Arguments.of("target of no outcome type name", HEAD + "readiness: {targets: {'a b': 0.9}}\n",
                        "readiness.targets", "'a b' is not an outcome type name"),
                Arguments.of("zero latency factor", HEAD + "readiness: {latencyFactor: 0}\n", "readiness.latencyFactor",
                        "a latency factor is a positive number (e.g. 1.5: the new service's p99 at most 1.5 x legacy's), "
                                + "not 0"),
                Arguments.of("negative latency factor", HEAD + "readiness: {latencyFactor: -1.5}\n",
                        "readiness.latencyFactor", "a latency factor is a positive number"),
                Arguments.of("latency factor as text", HEAD + "readiness: {latencyFactor: twice}\n",
                        "readiness.latencyFactor", "a latency factor is a positive number"),
                Arguments.of("latency factor as a quoted number", HEAD + "readiness: {latencyFactor: '1.5'}\n",
                        "readiness.latencyFactor", "a latency factor is a positive number"),
                Arguments.of("latency factor as a list", HEAD + "readiness: {latencyFactor: [1.5]}\n",
                        "readiness.latencyFactor", "a latency factor is a positive number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void namesTheFileTheRuleAndTheProblem(String name, String yaml, String rule, String problem) {
        assertThatThrownBy(() -> RuleSetParser.parse("rules/orders.yml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(RuleSetException.class, e -> {
                    assertThat(e.source()).isEqualTo("rules/orders.yml");
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.getMessage()).startsWith("rule set rules/orders.yml, " + rule + ": ");
                });
    }

    @Test
    void versionsARuleSetByItsDeclaredVersionAndContentHash() throws Exception {
        byte[] content = RuleSetFixtures.resource("rules/claims.yml");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        RuleSet claims = RuleSetFixtures.claims();

        assertThat(claims.version()).isEqualTo("claims-1@sha256:" + sha256.substring(0, 8));
        assertThat(claims.contentSha256()).isEqualTo(sha256);
        assertThat(claims.declaredVersion()).isEqualTo("claims-1");
        assertThat(claims.content()).isEqualTo(new String(content, StandardCharsets.UTF_8));
        assertThat(claims.definition().get("context").asString()).isEqualTo("claims");
    }

    @Test
    void givesAnyChangeOfTheFileANewVersion() {
        String yaml = HEAD + "default: {comparator: exact}\n";

        RuleSet one = RuleSetParser.parse("a.yml", yaml.getBytes(StandardCharsets.UTF_8));
        RuleSet other = RuleSetParser.parse("a.yml", (yaml + "# reviewed\n").getBytes(StandardCharsets.UTF_8));

        assertThat(one.version()).startsWith("orders-1@sha256:").isNotEqualTo(other.version());
    }

    @Test
    void readsWindowAndGraceInShortAndIsoForm() {
        RuleSet ruleSet = RuleSetParser.parse("a.yml", (HEAD + "correlation: {window: PT45S, grace: 2m}\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(ruleSet.window()).isEqualTo(Duration.ofSeconds(45));
        assertThat(ruleSet.grace()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void readsTheClaimsRules() {
        RuleSet claims = RuleSetFixtures.claims();

        assertThat(claims.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(claims.grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(claims.outcomeTypes()).containsOnlyKeys("ClaimAssessed", "PaymentDecided");
        assertThat(claims.rulesFor("PaymentDecided").fields()).anySatisfy(rule -> {
            assertThat(rule.path()).hasToString("/paymentAmount");
            assertThat(rule.comparator()).isEqualTo(new ValueComparator.Rounding(2, RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, true));
        });
        assertThat(claims.rulesFor("ClaimAssessed").variances()).singleElement()
                .satisfies(v -> assertThat(v.reference()).isEqualTo("docs/claims-domain.md#risk-score"));
        assertThat(claims.hashes()).isTrue();
    }

    @Test
    void readsTheReadinessTargetsAndKeepsTheDefaultsOfWhatTheSectionLeavesOut() {
        RuleSet ruleSet = RuleSetParser.parse("a.yml", (HEAD + "readiness:\n  evaluationWindow: 12h\n"
                + "  sustainedHours: 0\n  targets: {OrderPriced: 0.995, OrderShipped: 1}\n").getBytes(StandardCharsets.UTF_8));

        assertThat(ruleSet.readiness().evaluationWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(ruleSet.readiness().sustainedHours()).isZero();
        assertThat(ruleSet.readiness().minimumVolume()).isEqualTo(ReadinessTargets.DEFAULTS.minimumVolume());
        assertThat(ruleSet.readiness().cohortMinimumVolume()).isEqualTo(ReadinessTargets.DEFAULTS.cohortMinimumVolume());
        assertThat(ruleSet.readiness().targets()).containsOnlyKeys("OrderPriced", "OrderShipped");
        assertThat(ruleSet.readiness().targetOf("OrderPriced")).hasValueSatisfying(
                target -> assertThat(target).isEqualByComparingTo("0.995"));
        assertThat(ruleSet.readiness().targetOf("OrderReturned")).isEmpty();
    }

    @Test
    void readsALatencyFactorAndLeavesItUnsetWhenAbsent() {
        RuleSet withFactor = RuleSetParser.parse("a.yml", (HEAD + "readiness:\n  latencyFactor: 1.5\n")
                .getBytes(StandardCharsets.UTF_8));
        RuleSet wholeNumber = RuleSetParser.parse("a.yml", (HEAD + "readiness: {latencyFactor: 3}\n")
                .getBytes(StandardCharsets.UTF_8));
        RuleSet without = RuleSetParser.parse("a.yml", (HEAD + "readiness:\n  minimumVolume: 10\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(withFactor.readiness().latencyFactor()).isEqualByComparingTo("1.5");
        assertThat(withFactor.readiness().minimumVolume()).isEqualTo(ReadinessTargets.DEFAULTS.minimumVolume());
        assertThat(wholeNumber.readiness().latencyFactor()).isEqualByComparingTo("3");
        assertThat(without.readiness().latencyFactor()).isNull();
        assertThat(without.readiness().latency()).isEmpty();
        assertThat(ReadinessTargets.DEFAULTS.latencyFactor()).isNull();
    }

    @Test
    void givesARuleSetWithoutAReadinessSectionTheDefaults() {
        RuleSet ruleSet = RuleSetParser.parse("a.yml", HEAD.getBytes(StandardCharsets.UTF_8));

        assertThat(ruleSet.readiness()).isEqualTo(ReadinessTargets.DEFAULTS);
        assertThat(ReadinessTargets.DEFAULTS).isEqualTo(new ReadinessTargets(Duration.ofHours(24), 200, 4, 50,
                java.util.Map.of()));
    }

    @Test
    void readsTheShippedReadinessTargets() {
        RuleSet claims = RuleSetFixtures.claims();

        assertThat(claims.readiness().evaluationWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(claims.readiness().minimumVolume()).isEqualTo(200);
        assertThat(claims.readiness().sustainedHours()).isEqualTo(4);
        assertThat(claims.readiness().cohortMinimumVolume()).isEqualTo(50);
        assertThat(claims.readiness().targets()).containsOnlyKeys("ClaimAssessed", "PaymentDecided");
        assertThat(claims.readiness().targetOf("PaymentDecided")).hasValueSatisfying(
                target -> assertThat(target).isEqualByComparingTo("0.99"));
        assertThat(claims.readiness().latencyFactor()).isEqualByComparingTo("2.0");
        assertThat(RuleSetParser.parse("classpath:rules/pricing.yml", RuleSetFixtures.resource("rules/pricing.yml"))
                .readiness().latencyFactor()).isEqualByComparingTo("2.0");
    }

    @Test
    void readsAnExpiryDateAsValidThroughThatDay() {
        RuleSet orders = RuleSetFixtures.orders();

        AcceptedVariance taxBasis = orders.rulesFor("OrderPriced").variances().stream()
                .filter(v -> v.id().equals("legacy-gross-tax-basis-abroad")).findFirst().orElseThrow();

        assertThat(taxBasis.expiresAt()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
        assertThat(taxBasis.activeAt(Instant.parse("2027-03-31T23:59:59Z"))).isTrue();
        assertThat(taxBasis.activeAt(Instant.parse("2027-04-01T00:00:00Z"))).isFalse();
    }
}
