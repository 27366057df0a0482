package dev.parallelrun.runner;

import dev.parallelrun.events.verdict.Classification;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Traffic in steps, for finding where the pipeline falls behind in one run: a warm-up at the first rate (the JIT of
 * every service, unreported), then each rate for a step, and after each step one line of what it reached: intents
 * accepted and verdicts stored per second, and the verdicts that only lag explains ({@code TIMING},
 * {@code MISSING_LEGACY}, {@code MISSING_SHADOW}), counted as issued, superseded ones included; then the CPU the
 * step took ({@link CpuUse}) and each consumer group's lag.
 */
final class RateSteps {

    /** The classifications a pipeline that keeps up does not produce from this traffic. */
    static final List<Classification> LATE = List.of(Classification.TIMING, Classification.MISSING_LEGACY,
            Classification.MISSING_SHADOW);

    private final List<Double> rates;
    private final Duration step;
    private final Duration warmUp;

    RateSteps(List<Double> rates, Duration step, Duration warmUp) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no rate given");
        }
        this.rates = List.copyOf(rates);
        this.step = step;
        this.warmUp = warmUp;
    }

    /** Rates as the option gives them, e.g. {@code 20,80,160}: positive intents per second. */
    static List<Double> parseRates(String option) {
        List<Double> rates = new ArrayList<>();
        for (String rate : option.split(",")) {
            double value;
            try {
                value = Double.parseDouble(rate.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate takes intents per second, e.g. 20 or 20,80,160; got: " + option);
            }
            if (!(value > 0)) {
                throw new IllegalArgumentException("--rate takes positive intents per second; got: " + option);
            }
            rates.add(value);
        }
        return rates;
    }

    /** What the platform did between two readings. */
    record Reading(long nanos, long accepted, Map<Classification, Long> issued) {

        long issuedTotal() {
            return issued.values().stream().mapToLong(Long::longValue).sum();
        }

        long issued(Classification classification) {
            return issued.getOrDefault(classification, 0L);
        }
    }

    /** Reads the platform: intents accepted so far and verdicts issued so far, by classification. */
    interface Meter {
        Reading read() throws Exception;
    }

    /** Reads how far behind each consumer, for the line after each step (which service the pipeline waits for). */
    interface Lag {
        Object read() throws Exception;
    }

    /** Runs the warm-up and the steps; the generator already posts at the first rate. */
    void run(TrafficGenerator generator, Meter meter, Lag lag, PrintStream out) throws Exception {
        if (!warmUp.isZero()) {
            out.printf("[parallel-run] warm-up: %s at %.1f intents/s (not reported)%n", warmUp, rates.get(0));
            Thread.sleep(warmUp.toMillis());
        }
        for (int index = 0; index < rates.size(); index++) {
            double rate = rates.get(index);
            generator.rate(rate);
            Reading before = meter.read();
            CpuUse.Reading cpuBefore = CpuUse.read();
            Thread.sleep(step.toMillis());
            Reading after = meter.read();
            CpuUse.Reading cpuAfter = CpuUse.read();
            out.println(line(index + 1, rates.size(), rate, before, after));
            out.println(CpuUse.line(cpuBefore, cpuAfter, after.accepted() - before.accepted(),
                    Runtime.getRuntime().availableProcessors()));
            out.println("[parallel-run]   consumer lag after the step: " + lagOrWhyNot(lag));
        }
    }

    private static String lagOrWhyNot(Lag lag) {
        try {
            return String.valueOf(lag.read());
        } catch (Exception e) {
            return "not available (" + e + ")";
        }
    }

    /** One step's line; {@code keeps up} when no verdict of the step was late. */
    static String line(int number, int of, double rate, Reading before, Reading after) {
        double seconds = Math.max(0.001, (after.nanos() - before.nanos()) / 1e9);
        long late = 0;
        StringBuilder lateByClass = new StringBuilder();
        for (Classification classification : LATE) {
            long issued = after.issued(classification) - before.issued(classification);
            late += issued;
            lateByClass.append(' ').append(classification.name()).append('=').append(issued);
        }
        return String.format("[parallel-run] step %d/%d offered=%.1f/s accepted=%.1f/s verdicts=%.1f/s late=%d (%s) %s",
                number, of, rate, (after.accepted() - before.accepted()) / seconds,
                (after.issuedTotal() - before.issuedTotal()) / seconds, late, lateByClass.toString().trim(),
                late == 0 ? "keeps up" : "falls behind");
    }
}
