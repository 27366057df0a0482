package dev.parallelrun.reconciliation.replay.application;

import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    public ReplayGauges(ReplayRuns runs, MeterRegistry registry, Duration interval) {
        super("replay-gauges", interval);
        this.runs = runs;
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
        List<ReplayRuns.RunCount> counts = runs.counts();
        List<MultiGauge.Row<?>> countRows = new ArrayList<>();
        List<MultiGauge.Row<?>> selectedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> publishedRows = new ArrayList<>();
        for (ReplayRuns.RunCount c : counts) {
            Tags tags = Tags.of("context", c.context(), "kind", c.kind().toLowerCase());
            countRows.add(MultiGauge.Row.of(tags.and("state", c.state()), c.runs()));
            if ("RUNNING".equals(c.state())) {
                selectedRows.add(MultiGauge.Row.of(tags, c.selected()));
                publishedRows.add(MultiGauge.Row.of(tags, c.published()));
            }
        }
        count.register(countRows, true);
        selected.register(selectedRows, true);
        published.register(publishedRows, true);
    }
}
