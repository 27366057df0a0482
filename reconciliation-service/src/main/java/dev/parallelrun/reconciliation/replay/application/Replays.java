package dev.parallelrun.reconciliation.replay.application;

import dev.parallelrun.reconciliation.replay.ReplayProperties;
import dev.parallelrun.reconciliation.replay.domain.InvalidReplayException;
import dev.parallelrun.reconciliation.replay.domain.ReplayPhase;
import dev.parallelrun.reconciliation.replay.domain.ReplayRequest;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Requests, reads and cancels replays and noise runs. A request is checked in full (its members, the context, the
 * topic's retention) before anything is recorded: a refused request leaves no trace and starts nothing. An accepted one
 * is recorded with its topic range fixed, and a {@link ReplayRunner} runs it.
 */
public class Replays {

    private final ReplayRuns runs;
    private final ReplayExecution execution;
    private final Set<String> contexts;
    private final ReplayProperties properties;
    private final Clock clock;

    /** @param contexts the contexts a rule set is in force for: the only ones with intents to replay */
    public Replays(ReplayRuns runs, ReplayExecution execution, Set<String> contexts, ReplayProperties properties,
            Clock clock) {
        this.runs = runs;
        this.execution = execution;
        this.contexts = Set.copyOf(contexts);
        this.properties = properties;
        this.clock = clock;
    }

    /** Records a run; it starts on the next runner pass. */
    public ReplayRun request(ReplayRequest request, String requestedBy) {
        Instant now = clock.instant();
        request.validate(now, properties.maxRatePerSecond());
        if (!contexts.contains(request.context())) {
            throw new InvalidReplayException("context", "unknown context '" + request.context() + "' (known: "
                    + contexts.stream().sorted().toList() + ")");
        }
        TopicRange range = execution.range(request.context(), request.from(), request.to());
        ReplayRun run = new ReplayRun(UUID.randomUUID().toString(), request.kind(), request.context(), request.from(),
                request.to(), request.classifications(), request.correlationIds(), request.sample(), request.reason(),
                request.ratePerSecond(), requestedBy, now, range.startOffsets(), range.endOffsets(), ReplayState.RUNNING,
                ReplayPhase.SELECTING, null, 0, null, null, null);
        runs.create(run);
        return run;
    }

    /** The most recent runs first. */
    public java.util.List<ReplayRun> recent(int limit) {
        return runs.recent(limit);
    }

    public Optional<ReplayRun> find(String replayId) {
        return runs.find(replayId);
    }

    /** How many current verdicts the run's replayed intents have so far. */
    public long decided(String replayId) {
        return runs.decided(replayId);
    }

    /**
     * Cancels a running run: nothing more is published (what is published stays and is compared).
     *
     * @return the run as it is now; empty if there is no such run
     */
    public Optional<ReplayRun> cancel(String replayId, String by) {
        Optional<ReplayRun> run = runs.find(replayId);
        if (run.isPresent() && run.get().state() == ReplayState.RUNNING) {
            runs.cancel(replayId, by, clock.instant());
            return runs.find(replayId);
        }
        return run;
    }
}
