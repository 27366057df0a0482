package dev.parallelrun.benchmarks;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.rules.domain.Redactor;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import dev.parallelrun.reconciliation.verdicts.domain.OutcomeSnapshot;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The comparison hot path of one pair, step by step, with the shipped claims rule set: reading an outcome event,
 * deciding the verdict (normalize, compare, classify, redact), writing the verdict event; and the three together.
 * Pair 0 of the benchmark's outcomes is a {@code MATCH}, pair 8·2 a {@code MISMATCH}, pair 5·2+1 {@code TOLERATED}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComparisonBenchmark {

    @Param({"MATCH", "TOLERATED", "MISMATCH"})
    public String kind;

    private final EventCodec codec = EventCodec.standard();
    private VerdictDecider decider;
    private byte[] legacyBytes;
    private byte[] shadowBytes;
    private OutcomeSnapshot legacy;
    private OutcomeSnapshot shadow;
    private Verdict verdict;
    private Instant now;

    @Setup
    public void setUp() {
        RuleBasedComparator comparator = new RuleBasedComparator(List.of(RuleSetParser.parse("claims.yml", claimsRules())),
                RuleSetParser.fallback(), new Redactor("benchmark-redaction-key"));
        decider = new VerdictDecider(comparator);
        long pair = switch (kind) {
            case "MATCH" -> 0;
            case "TOLERATED" -> 11;
            default -> 16;
        };
        if (!Outcomes.expectedClassification(pair).equals(kind)) {
            throw new IllegalStateException("pair " + pair + " is not a " + kind);
        }
        now = Instant.now();
        legacyBytes = Outcomes.outcome("jmh", pair, Outcomes.LEGACY, now);
        shadowBytes = Outcomes.outcome("jmh", pair, Outcomes.SHADOW, now);
        legacy = snapshot(codec.read(legacyBytes));
        shadow = snapshot(codec.read(shadowBytes));
        verdict = decider.decide(legacy, shadow, now, false, null);
        if (!verdict.classification().name().equals(kind)) {
            throw new IllegalStateException("expected " + kind + " but the rule set decided " + verdict.classification());
        }
    }

    private static byte[] claimsRules() {
        try (InputStream in = ComparisonBenchmark.class.getResourceAsStream("/rules/claims.yml")) {
            if (in == null) {
                throw new IllegalStateException("rules/claims.yml is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OutcomeSnapshot snapshot(CloudEvent event) {
        return new OutcomeSnapshot(event.id(), event.correlationId(), event.causationId(), event.boundedContext(),
                event.outcomeType(), event.outcomeSide(), event.status(), event.data(), now, event.time(), null);
    }

    @Benchmark
    public CloudEvent readOutcome() {
        return codec.read(shadowBytes);
    }

    @Benchmark
    public Verdict decide() {
        return decider.decide(legacy, shadow, now, false, null);
    }

    @Benchmark
    public byte[] writeVerdict() {
        return encode(verdict);
    }

    /** What the correlation does per pair: read both outcomes, decide, write the verdict. */
    @Benchmark
    public byte[] wholePair() {
        OutcomeSnapshot one = snapshot(codec.read(legacyBytes));
        OutcomeSnapshot other = snapshot(codec.read(shadowBytes));
        return encode(decider.decide(one, other, now, false, null));
    }

    private byte[] encode(Verdict v) {
        return codec.write(CloudEvent.fact(v.verdictId(), Verdict.EVENT_TYPE, "urn:parallelrun:reconciliation-service",
                v.decidedAt(), v.correlationId(), v.context(), codec.tree(v)));
    }
}
