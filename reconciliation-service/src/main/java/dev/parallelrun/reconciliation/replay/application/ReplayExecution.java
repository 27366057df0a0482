package dev.parallelrun.reconciliation.replay.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The Kafka side of a replay: the range of a topic, reading it back, publishing exactly once. */
public interface ReplayExecution {

    /**
     * The offsets a range covers in the context's intent topic.
     *
     * @throws dev.parallelrun.reconciliation.replay.domain.InvalidReplayException when the topic does not exist or
     *         the range starts before the oldest intent the topic still retains
     */
    TopicRange range(String context, Instant from, Instant to);

    /**
     * Reads the run's range once (read committed), handing over in batches the original intents of its context:
     * never a replayed or fallback intent, never an unreadable record.
     */
    void read(ReplayRun run, Consumer<List<IntentRecord>> batches);

    /**
     * Publishes the run's selected intents exactly once, in topic order, at most at the run's rate, resuming where a
     * previous attempt committed. Each transaction carries the replayed intents and the position reached; {@code
     * control} is asked after each one whether to go on.
     *
     * @return what is published in all, once the range is done or {@code control} said stop
     */
    Published publish(ReplayRun run, Selection selection, Control control);

    /**
     * Forgets a run that has ended: its position (the consumer group that held it) is deleted, so that ended runs do not
     * pile up as groups that look ever more behind.
     */
    void forget(String replayId);

    /** The selected copies of the given original intents, by original event id. */
    interface Selection {
        Map<String, List<SelectedIntent>> of(Collection<String> originalEventIds);
    }

    /** Asked after every committed transaction. */
    interface Control {
        /** @return whether to go on (false: the run was cancelled or this instance lost it) */
        boolean committed(long publishedSoFar);
    }

    /** @param complete whether the whole range was read (false: stopped by {@link Control}) */
    record Published(long count, boolean complete) {
    }
}
