package dev.parallelrun.reconciliation.replay.application;

import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;

/**
 * Replay and noise runs as gauges, refreshed from PostgreSQL (every instance reports the same, like the match rates):
 * <ul>
 *   <li>{@code parallelrun_replay_runs{context,kind,state}}: runs recorded;</li>
 *   <li>{@code parallelrun_replay_running_selected_intents{context,kind}} and
 *       {@code parallelrun_replay_running_published_intents{context,kind}}: of the running ones, the intents (copies)
 *       selected and published so far: their ratio is the progress.</li>
 * </ul>
 * On a database failure the last values stay.
 */
public class ReplayGauges extends PeriodicTask {

    private final ReplayRuns runs;
    private final MultiGauge count;
    private final MultiGauge selected;
    private final MultiGauge published;

    private final Set<String> contexts;

    /** @param contexts the contexts a rule set is in force for: each has every series, at zero until it has runs */
    public ReplayGauges(ReplayRuns runs, MeterRegistry registry, Duration interval, Set<String> contexts) {
        super("replay-gauges", interval);
        this.runs = runs;
        this.contexts = Set.copyOf(contexts);
        this.count = MultiGauge.builder("parallelrun.replay.runs").description("Replay and noise runs recorded, by state")
                .register(registry);
        this.selected = MultiGauge.builder("parallelrun.replay.running.selected.intents")
                .description("Intents (copies) the running replays and noise runs publish in all").register(registry);
        this.published = MultiGauge.builder("parallelrun.replay.running.published.intents")
                .description("Intents (copies) the running replays and noise runs have published so far")
                .register(registry);
    }

    @Override
    protected void runOnce() {
        // every context, kind and state from the start, at zero: panels and alerts never face a missing series
        Map<Tags, Long> byState = new LinkedHashMap<>();
        Map<Tags, long[]> running = new LinkedHashMap<>();
        for (String context : new TreeSet<>(contexts)) {
            for (ReplayKind kind : ReplayKind.values()) {
                Tags tags = Tags.of("context", context, "kind", kind.wireName());
                for (ReplayState state : ReplayState.values()) {
                    byState.put(tags.and("state", state.name()), 0L);
                }
                running.put(tags, new long[2]);
            }
        }
        for (ReplayRuns.RunCount c : runs.counts()) {
            Tags tags = Tags.of("context", c.context(), "kind", ReplayKind.valueOf(c.kind()).wireName());
            byState.merge(tags.and("state", c.state()), c.runs(), Long::sum);
            if (ReplayState.RUNNING.name().equals(c.state())) {
                long[] progress = running.computeIfAbsent(tags, t -> new long[2]);
                progress[0] += c.selected();
                progress[1] += c.published();
            }
        }
        List<MultiGauge.Row<?>> countRows = new ArrayList<>();
        byState.forEach((tags, value) -> countRows.add(MultiGauge.Row.of(tags, value)));
        List<MultiGauge.Row<?>> selectedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> publishedRows = new ArrayList<>();
        running.forEach((tags, progress) -> {
            selectedRows.add(MultiGauge.Row.of(tags, progress[0]));
            publishedRows.add(MultiGauge.Row.of(tags, progress[1]));
        });
        count.register(countRows, true);
        selected.register(selectedRows, true);
        published.register(publishedRows, true);
    }
}
