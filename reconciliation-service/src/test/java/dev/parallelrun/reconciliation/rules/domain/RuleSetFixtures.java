package dev.parallelrun.reconciliation.rules.domain;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Object mother for rule sets: the shipped claims rules, the test-only order-pricing rules, inline ones. */
public final class RuleSetFixtures {

    /** A redaction key for tests only. */
    public static final String TEST_KEY = "test-only-redaction-key-0123456789";
    /** When the table's comparisons are made. */
    public static final Instant AT = Instant.parse("2026-11-22T12:00:00Z");

    private RuleSetFixtures() {
    }

    public static RuleSet claims() {
        return RuleSetParser.parse("classpath:rules/claims.yml", resource("rules/claims.yml"));
    }

    public static RuleSet orders() {
        return RuleSetParser.parse("classpath:test-rules/orders.yml", resource("test-rules/orders.yml"));
    }

    /** A rule set of context {@code inline} whose outcome type {@code T} has the given rules (JSON or YAML flow). */
    public static RuleSet inline(String outcomeTypeRules) {
        String yaml = "context: inline\nversion: inline-1\noutcomeTypes:\n  T: " + outcomeTypeRules + "\n";
        return RuleSetParser.parse("inline.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    public static RuleBasedComparator comparator(RuleSet... ruleSets) {
        return new RuleBasedComparator(List.of(ruleSets), RuleSetParser.fallback(), new Redactor(TEST_KEY));
    }

    public static JsonNode json(String text) {
        return EventCodec.standard().mapper().readTree(text);
    }

    public static byte[] resource(String name) {
        try (InputStream in = RuleSetFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
