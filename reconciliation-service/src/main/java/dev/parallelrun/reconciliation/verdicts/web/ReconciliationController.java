package dev.parallelrun.reconciliation.verdicts.web;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.config.ReconciliationProperties;
import dev.parallelrun.reconciliation.verdicts.domain.MatchRateTarget;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore.ClassificationCount;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore.StoredVerdict;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditor and ops API: verdicts, one transaction's verdicts with their history, and match rates. */
@RestController
@RequestMapping("/api/v1")
class ReconciliationController {

    /** The shortest step of the match-rate history, and the most steps one answer holds. */
    static final Duration MIN_STEP = Duration.ofMinutes(1);
    static final int MAX_BUCKETS = 2_000;

    private final VerdictStore store;
    private final UnsampledIntentStore unsampledIntents;
    private final MatchRateTarget targets;
    private final ReconciliationProperties.Api limits;
    private final Clock clock;

    ReconciliationController(VerdictStore store, UnsampledIntentStore unsampledIntents, MatchRateTarget targets,
            ReconciliationProperties properties, Clock clock) {
        this.store = store;
        this.unsampledIntents = unsampledIntents;
        this.targets = targets;
        this.limits = properties.api();
        this.clock = clock;
    }

    /** Current verdicts, newest first, with keyset pagination. */
    @Operation(summary = "Current verdicts, newest first, filtered, with keyset pagination")
    @GetMapping("/reconciliations")
    VerdictPage list(@RequestParam(required = false) String context,
            @RequestParam(required = false) String outcomeType,
            @RequestParam(required = false) String classification,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int pageSize = limit == null ? limits.defaultLimit() : limit;
        if (pageSize < 1 || pageSize > limits.maxLimit()) {
            throw new InvalidQueryException("limit", "must be between 1 and " + limits.maxLimit());
        }
        List<StoredVerdict> rows = store.find(query(context, outcomeType, classification, severity, from, to,
                VerdictCursor.parse(cursor), pageSize + 1));
        boolean more = rows.size() > pageSize;
        List<StoredVerdict> page = more ? rows.subList(0, pageSize) : rows;
        String next = more ? VerdictCursor.after(page.get(page.size() - 1)) : null;
        return new VerdictPage(page.stream().map(row -> VerdictView.of(row.verdict(), null)).toList(), next);
    }

    /** The current verdict per outcome type of one business transaction, each with its superseded history. */
    @Operation(summary = "One business transaction's current verdict per outcome type, each with its history")
    @GetMapping("/reconciliations/{correlationId}")
    TransactionView byCorrelationId(@PathVariable String correlationId) {
        List<StoredVerdict> rows = store.findByCorrelationId(correlationId);
        if (rows.isEmpty()) {
            throw new VerdictNotFoundException(correlationId);
        }
        Map<String, List<StoredVerdict>> byType = new LinkedHashMap<>();
        for (StoredVerdict row : rows) {
            byType.computeIfAbsent(row.verdict().outcomeType(), t -> new ArrayList<>()).add(row);
        }
        List<VerdictView> verdicts = new ArrayList<>();
        for (List<StoredVerdict> revisions : byType.values()) {
            StoredVerdict current = revisions.stream().filter(StoredVerdict::current).findFirst().orElse(revisions.get(0));
            List<VerdictView> history = revisions.stream().filter(r -> r != current)
                    .map(r -> VerdictView.of(r.verdict(), null)).toList();
            verdicts.add(VerdictView.of(current.verdict(), history));
        }
        return new TransactionView(correlationId, verdicts);
    }

    /** agree / (agree + disagree) per context and outcome type, over the last {@code window}. */
    @Operation(summary = "Match rate per context and outcome type over a window, with its target")
    @GetMapping("/match-rates")
    List<MatchRate> matchRates(@RequestParam(required = false) String context,
            @RequestParam(required = false, defaultValue = "PT15M") String window) {
        Duration duration;
        try {
            duration = Duration.parse(window);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("window", "must be an ISO-8601 duration such as PT15M");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(limits.maxMatchRateWindow()) > 0) {
            throw new InvalidQueryException("window", "must be positive and at most " + limits.maxMatchRateWindow());
        }
        Instant since = clock.instant().minus(duration);
        Map<String, Long> unsampled = unsampledIntents.countSince(since, blankToNull(context));
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (ClassificationCount count : store.countSince(since, blankToNull(context))) {
            long[] buckets = counts.computeIfAbsent(count.context() + "\u0000" + count.outcomeType(), k -> new long[3]);
            buckets[count.classification().bucket().ordinal()] += count.count();
        }
        List<MatchRate> rates = new ArrayList<>();
        counts.forEach((key, buckets) -> {
            String[] parts = key.split("\u0000", 2);
            rates.add(MatchRate.of(parts[0], parts[1], buckets[0], buckets[1], buckets[2],
                    unsampled.getOrDefault(parts[0], 0L), targets.targetOf(parts[0], parts[1])));
        });
        return rates;
    }

    /**
     * The list's filters as a query of current live verdicts: blank matches anything, a value that does not parse
     * is an {@link InvalidQueryException} (a 400 problem naming the parameter). The export filters the same way.
     */
    static VerdictStore.VerdictQuery query(String context, String outcomeType, String classification, String severity,
            String from, String to, VerdictStore.Position after, int limit) {
        return new VerdictStore.VerdictQuery(blankToNull(context), blankToNull(outcomeType),
                parseEnum("classification", classification, Classification.class),
                parseEnum("severity", severity, Severity.class), parseInstant("from", from), parseInstant("to", to),
                after, limit);
    }

    /**
     * The match rate over time, for the console's chart: current live verdicts decided in {@code [from, to)} (default
     * the last 24 hours) counted per {@code step} (aligned to the epoch: {@code PT1H} gives UTC hours, as the evidence
     * pack's hourly rates), per context and outcome type. Every bucket of the period is listed, empty ones with a
     * {@code null} rate, so a gap in traffic shows as a gap and not as a line drawn across it.
     */
    @GetMapping("/match-rates/history")
    MatchRateHistory matchRateHistory(@RequestParam(required = false) String context,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false, defaultValue = "PT1H") String step) {
        Duration bucket;
        try {
            bucket = Duration.parse(step);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("step", "must be an ISO-8601 duration such as PT1H");
        }
        if (bucket.compareTo(MIN_STEP) < 0 || bucket.toNanos() % 1_000_000_000L != 0) {
            throw new InvalidQueryException("step", "must be whole seconds and at least " + MIN_STEP);
        }
        Instant end = parseInstant("to", to);
        end = end == null ? clock.instant() : end;
        Instant start = parseInstant("from", from);
        start = start == null ? end.minus(Duration.ofHours(24)) : start;
        if (!start.isBefore(end)) {
            throw new InvalidQueryException("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(limits.maxMatchRateWindow()) > 0) {
            throw new InvalidQueryException("from", "the period must be at most " + limits.maxMatchRateWindow());
        }
        long stepSeconds = bucket.toSeconds();
        long first = Math.floorDiv(start.getEpochSecond(), stepSeconds);
        long last = Math.floorDiv(end.getEpochSecond() - 1, stepSeconds);
        if (last - first + 1 > MAX_BUCKETS) {
            throw new InvalidQueryException("step", "the period holds more than " + MAX_BUCKETS + " steps: choose a longer step");
        }
        Map<String, long[][]> counts = new LinkedHashMap<>();
        for (VerdictStore.BucketCount count : store.countByBucket(blankToNull(context), start, end, stepSeconds)) {
            long[][] buckets = counts.computeIfAbsent(count.context() + "\u0000" + count.outcomeType(),
                    k -> new long[(int) (last - first + 1)][3]);
            buckets[(int) (count.start().getEpochSecond() / stepSeconds - first)][count.classification().bucket().ordinal()]
                    += count.count();
        }
        List<MatchRateSeries> series = new ArrayList<>();
        counts.forEach((key, buckets) -> {
            String[] parts = key.split("\u0000", 2);
            List<MatchRatePoint> points = new ArrayList<>();
            for (int i = 0; i < buckets.length; i++) {
                Instant bucketStart = Instant.ofEpochSecond((first + i) * stepSeconds);
                long agree = buckets[i][0];
                long disagree = buckets[i][1];
                points.add(new MatchRatePoint(bucketStart, bucketStart.plus(bucket), agree, disagree, buckets[i][2],
                        agree + disagree == 0 ? null : (double) agree / (agree + disagree)));
            }
            series.add(new MatchRateSeries(parts[0], parts[1], targets.targetOf(parts[0], parts[1]), points));
        });
        return new MatchRateHistory(blankToNull(context), start, end, bucket.toString(), series);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Instant parseInstant(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, "must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z");
        }
    }

    /** The match rate over time of one or every context: one series per context and outcome type. */
    record MatchRateHistory(String context, Instant from, Instant to, String step, List<MatchRateSeries> series) {
    }

    /** One context and outcome type over time, and the rate it must reach. */
    record MatchRateSeries(String context, String outcomeType, double target, List<MatchRatePoint> points) {
    }

    /** One step of a series: its counts and {@code agree / (agree + disagree)}, {@code null} when nothing counts. */
    record MatchRatePoint(Instant from, Instant to, long agree, long disagree, long excluded, Double matchRate) {
    }

    /** One page of verdicts and the cursor of the next, {@code null} on the last page. */
    record VerdictPage(List<VerdictView> items, String nextCursor) {
    }

    /** One business transaction's verdicts. */
    record TransactionView(String correlationId, List<VerdictView> verdicts) {
    }

    /**
     * The match rate of one context and outcome type; {@code null} while nothing counts toward it.
     *
     * @param countedVerdicts  the verdicts the rate is computed from: agree + disagree
     * @param unsampledIntents the context's intents accepted within the window that sampling left out of the
     *                         parallel run: no verdict, so not in any count here
     * @param target           the rate the outcome type must reach: its rule set's readiness target, else the
     *                         context's configured target
     */
    record MatchRate(String context, String outcomeType, long agree, long disagree, long excluded,
            long countedVerdicts, long unsampledIntents, Double matchRate, double target) {
        static MatchRate of(String context, String outcomeType, long agree, long disagree, long excluded,
                long unsampledIntents, double target) {
            long counted = agree + disagree;
            return new MatchRate(context, outcomeType, agree, disagree, excluded, counted, unsampledIntents,
                    counted == 0 ? null : (double) agree / counted, target);
        }
    }
}
