package dev.parallelrun.reconciliation.replay.application;

import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.reconciliation.replay.ReplayProperties;
import dev.parallelrun.reconciliation.replay.domain.NoiseSample;
import dev.parallelrun.reconciliation.replay.domain.ReplayPhase;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;
import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs replays on this instance, one at a time: takes a running replay nobody holds, selects its intents (once),
 * publishes them exactly once, and records the end. Several instances share the work through leases in PostgreSQL;
 * the Kafka transactional id of a replay fences an instance that lost its lease but still runs. A replay survives a
 * crash or a restart: its lease runs out, an instance takes it over, and publishing resumes from the position committed
 * with the last published intents.
 */
public class ReplayRunner extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);

    private final ReplayRuns runs;
    private final ReplayExecution execution;
    private final ReplayProperties properties;
    private final ReplayMetrics metrics;
    private final Clock clock;
    private final String owner;

    public ReplayRunner(ReplayRuns runs, ReplayExecution execution, ReplayProperties properties, ReplayMetrics metrics,
            Clock clock, String owner) {
        super("replay-runner", properties.pollInterval());
        this.runs = runs;
        this.execution = execution;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
    }

    @Override
    protected void runOnce() {
        Optional<ReplayRun> claimed;
        while (!Thread.currentThread().isInterrupted()
                && (claimed = runs.claim(owner, clock.instant(), clock.instant().plus(properties.lease()))).isPresent()) {
            run(claimed.get());
        }
    }

    private void run(ReplayRun claimed) {
        ReplayRun run = claimed;
        String id = run.replayId();
        log.info("replay {} ({} of {} [{}, {}), {}): running on {}", id, run.kind(), run.context(), run.from(),
                run.to(), run.phase(), owner);
        try {
            if (run.phase() == ReplayPhase.SELECTING) {
                long selected = select(run);
                runs.selectionDone(id, selected);
                run = runs.find(id).orElseThrow();
                log.info("replay {}: {} intents selected", id, selected);
            }
            AtomicLong lastPublished = new AtomicLong(run.published());
            String context = run.context();
            ReplayExecution.Published published = execution.publish(run,
                    originals -> runs.selected(id, originals), soFar -> {
                        metrics.published(context, soFar - lastPublished.getAndSet(soFar));
                        return runs.renew(id, owner, soFar, clock.instant().plus(properties.lease()))
                                && !Thread.currentThread().isInterrupted();
                    });
            if (published.complete()) {
                runs.finish(id, ReplayState.COMPLETED, published.count(), null, clock.instant());
                execution.forget(id);
                log.info("replay {}: completed, {} intents published", id, published.count());
            } else {
                // cancelled (the state says so already), or this instance stops or lost the run: give it back
                runs.release(id, owner);
                if (runs.find(id).map(ReplayRun::state).orElse(null) == ReplayState.CANCELLED) {
                    execution.forget(id);
                }
                log.info("replay {}: stopped after {} intents published", id, published.count());
            }
        } catch (RuntimeException e) {
            if (e instanceof ReplayFailedException) {
                runs.finish(id, ReplayState.FAILED, run.published(), e.getMessage(), clock.instant());
                execution.forget(id);
                log.warn("replay {} failed: {}", id, e.getMessage());
            } else {
                // a broker or database outage: another pass (here or on another instance) resumes it
                runs.release(id, owner);
                throw e;
            }
        }
    }

    /** Reads the range once and records every copy it publishes; done again in full after a crash (idempotent). */
    private long select(ReplayRun run) {
        int copies = run.copies();
        List<SelectedIntent> chosen = new ArrayList<>();
        NoiseSample<IntentRecord> sample = run.kind() == ReplayKind.NOISE ? new NoiseSample<>(run.replayId(), run.sample())
                : null;
        AtomicLong count = new AtomicLong();
        execution.read(run, batch -> {
            List<IntentRecord> matching = matching(run, batch);
            if (sample != null) {
                matching.forEach(intent -> sample.offer(intent.eventId(), intent));
                return;
            }
            List<SelectedIntent> copiesOfBatch = new ArrayList<>();
            for (IntentRecord intent : matching) {
                for (int copy = 1; copy <= copies; copy++) {
                    copiesOfBatch.add(SelectedIntent.of(run.replayId(), intent.eventId(), intent.correlationId(), copy));
                }
            }
            runs.select(copiesOfBatch);
            count.addAndGet(copiesOfBatch.size());
        });
        if (sample != null) {
            for (IntentRecord intent : sample.sample()) {
                for (int copy = 1; copy <= copies; copy++) {
                    chosen.add(SelectedIntent.of(run.replayId(), intent.eventId(), intent.correlationId(), copy));
                }
            }
            runs.select(chosen);
            count.addAndGet(chosen.size());
        }
        return count.get();
    }

    private List<IntentRecord> matching(ReplayRun run, List<IntentRecord> batch) {
        List<IntentRecord> matching = batch;
        if (!run.correlationIds().isEmpty()) {
            matching = matching.stream().filter(intent -> run.correlationIds().contains(intent.correlationId())).toList();
        }
        if (!run.classifications().isEmpty() && !matching.isEmpty()) {
            Set<String> withClassification = runs.withClassification(run.context(),
                    matching.stream().map(IntentRecord::correlationId).toList(), run.classifications());
            matching = matching.stream().filter(intent -> withClassification.contains(intent.correlationId())).toList();
        }
        return matching;
    }
}
