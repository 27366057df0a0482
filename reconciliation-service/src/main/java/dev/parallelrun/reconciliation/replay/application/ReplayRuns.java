package dev.parallelrun.reconciliation.replay.application;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where replays and noise runs are recorded (PostgreSQL). */
public interface ReplayRuns {

    void create(ReplayRun run);

    Optional<ReplayRun> find(String replayId);

    /** The most recent runs first. */
    List<ReplayRun> recent(int limit);

    /**
     * Takes a running run nobody holds (never held, or its holder's lease ran out), for {@code owner} until
     * {@code leaseUntil}; at most one instance holds a run at a time.
     */
    Optional<ReplayRun> claim(String owner, Instant now, Instant leaseUntil);

    /**
     * Records the progress (while {@code owner} holds the run, whatever its state) and extends the lease; {@code false}
     * if the run is no longer running (cancelled) or {@code owner} no longer holds it.
     */
    boolean renew(String replayId, String owner, long published, Instant leaseUntil);

    /** Gives the run back without finishing it (this instance stops), so that another takes it at once. */
    void release(String replayId, String owner);

    /** Records every copy selected so far (idempotent). */
    void select(Collection<SelectedIntent> intents);

    /** The selection is complete: {@code selected} copies, now publishing. */
    void selectionDone(String replayId, long selected);

    Map<String, List<SelectedIntent>> selected(String replayId, Collection<String> originalEventIds);

    /** The selected copies of a run, for a report. */
    List<SelectedIntent> selectedIntents(String replayId);

    /** Ends a running run in a final state; {@code false} if it had ended already. */
    boolean finish(String replayId, ReplayState state, long published, String failure, Instant at);

    /** Cancels a running run; {@code false} if it had ended already. */
    boolean cancel(String replayId, String by, Instant at);

    /**
     * Runs per context, kind and state; for running ones also the intents selected and published, summed.
     */
    List<RunCount> counts();

    /** How many runs of a context and kind are in a state, and (running ones) their intents selected and published. */
    record RunCount(String context, String kind, String state, long runs, long selected, long published) {
    }

    /** How many current verdicts the run's intents have. */
    long decided(String replayId);

    /**
     * Of the given correlation ids, those of the context whose current live verdict of some outcome type has one of
     * the classifications.
     */
    Set<String> withClassification(String context, Collection<String> correlationIds, Set<Classification> classifications);
}
