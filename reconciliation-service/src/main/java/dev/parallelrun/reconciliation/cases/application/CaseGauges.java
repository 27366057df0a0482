package dev.parallelrun.reconciliation.cases.application;

import dev.parallelrun.reconciliation.cases.domain.CaseCategory;
import dev.parallelrun.reconciliation.cases.domain.CaseState;
import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ops work queue as gauges, refreshed from PostgreSQL (every instance reports the same, like the match rates):
 * <ul>
 *   <li>{@code parallelrun_cases{context,state,category}}: cases by state; {@code category} is the resolution's for
 *       {@code RESOLVED} cases and {@code none} for the others;</li>
 *   <li>{@code parallelrun_cases_oldest_open_age_seconds{context}}: how long the oldest open or acknowledged case
 *       has waited since its (current cycle's) opening; 0 with none.</li>
 * </ul>
 * Every context with a rule set has every series from the start, at zero (OPEN, ACKNOWLEDGED and SUPERSEDED with
 * {@code none}, RESOLVED with each category): panels and alerts never face a missing series. On a database failure
 * the last values stay.
 */
public class CaseGauges extends PeriodicTask {

    static final String NO_CATEGORY = "none";

    private final CaseStore store;
    private final Set<String> contexts;
    private final Clock clock;
    private final MultiGauge cases;
    private final MultiGauge oldestOpen;

    /** @param contexts the contexts a rule set is in force for */
    public CaseGauges(CaseStore store, MeterRegistry registry, Duration interval, Set<String> contexts, Clock clock) {
        super("case-gauges", interval);
        this.store = store;
        this.contexts = Set.copyOf(contexts);
        this.clock = clock;
        this.cases = MultiGauge.builder("parallelrun.cases")
                .description("Divergence cases by state and (resolved) category").register(registry);
        this.oldestOpen = MultiGauge.builder("parallelrun.cases.oldest.open.age.seconds")
                .description("Age of the oldest open or acknowledged divergence case, 0 with none").register(registry);
    }

    @Override
    protected void runOnce() {
        Map<Tags, Long> counts = new LinkedHashMap<>();
        Map<String, Double> ages = new LinkedHashMap<>();
        for (String context : new TreeSet<>(contexts)) {
            for (CaseState state : CaseState.values()) {
                if (state == CaseState.RESOLVED) {
                    for (CaseCategory category : CaseCategory.values()) {
                        counts.put(tags(context, state, category.name()), 0L);
                    }
                } else {
                    counts.put(tags(context, state, NO_CATEGORY), 0L);
                }
            }
            ages.put(context, 0.0);
        }
        for (CaseStore.Count count : store.counts()) {
            String category = count.category() == null || count.state() != CaseState.RESOLVED ? NO_CATEGORY
                    : count.category().name();
            counts.merge(tags(count.context(), count.state(), category), count.cases(), Long::sum);
        }
        Instant now = clock.instant();
        store.oldestOpen().forEach((context, opened) ->
                ages.put(context, Math.max(0, Duration.between(opened, now).toMillis() / 1000.0)));
        List<MultiGauge.Row<?>> countRows = new ArrayList<>();
        counts.forEach((tags, value) -> countRows.add(MultiGauge.Row.of(tags, value)));
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        ages.forEach((context, age) -> ageRows.add(MultiGauge.Row.of(Tags.of("context", context), age)));
        cases.register(countRows, true);
        oldestOpen.register(ageRows, true);
    }

    private static Tags tags(String context, CaseState state, String category) {
        return Tags.of("context", context, "state", state.name(), "category", category);
    }
}
