package dev.parallelrun.reconciliation.correlation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event-time clock and the time index behind every expiry in the correlation's processors: a punctuator reads the
 * entries that are due instead of scanning the state.
 *
 * <p>The index is a store of {@code <deadline, 19 digits>|<kind>|<key>} → key, so its keys sort by deadline. Event time
 * is the greatest event time read (kept in a progress store, so a restart resumes it), never ahead of the wall clock;
 * while no record has been read for {@code idleAfter} it is the wall clock, so that deadlines still pass when traffic
 * stops. When punctuations paused for longer than that (the task was not running), the backlog is read before the wall
 * clock is trusted again.
 */
public final class DeadlineIndex {

    /** At most this many entries are due per punctuation; the rest wait for the next one. */
    public static final int MAX_DUE_PER_PUNCTUATION = 10_000;
    private static final String EVENT_TIME = "event-time";
    private static final int KIND_POSITION = 20;

    private final KeyValueStore<String, String> index;
    private final KeyValueStore<String, Long> progress;
    private final Duration idleAfter;
    private long eventTimeMs;
    private long lastRecordWallMs;
    private long lastPunctuationWallMs;

    /** @param wallNowMs the wall clock when the processor starts */
    public DeadlineIndex(KeyValueStore<String, String> index, KeyValueStore<String, Long> progress, Duration idleAfter,
            long wallNowMs) {
        this.index = index;
        this.progress = progress;
        this.idleAfter = idleAfter;
        Long stored = progress.get(EVENT_TIME);
        this.eventTimeMs = stored == null ? Long.MIN_VALUE : stored;
        this.lastRecordWallMs = wallNowMs;
        this.lastPunctuationWallMs = wallNowMs;
    }

    /** A record was read at this wall-clock time. */
    public void recordRead(long wallNowMs) {
        lastRecordWallMs = wallNowMs;
    }

    /** Moves event time forward to a record's event time (never back). */
    public void advance(long eventTime) {
        if (eventTime > eventTimeMs) {
            eventTimeMs = eventTime;
            progress.put(EVENT_TIME, eventTime);
        }
    }

    /** Indexes a deadline of a kind for a key. */
    public void add(long deadlineMs, char kind, String key) {
        index.put(indexKey(deadlineMs, kind, key), key);
    }

    /** Removes an indexed deadline. */
    public void remove(long deadlineMs, char kind, String key) {
        index.delete(indexKey(deadlineMs, kind, key));
    }

    /** Removes a due entry from the index. */
    public void remove(Entry entry) {
        index.delete(entry.indexKey());
    }

    /**
     * The entries due at a punctuation (still in the index: the caller removes each as it handles it), and the event
     * time they are due at; none while event time is not known yet.
     */
    public Due due(long wallNowMs) {
        if (wallNowMs - lastPunctuationWallMs > idleAfter.toMillis()) {
            // no punctuation for a while: this task was not running (suspended, stalled); read the backlog first
            lastRecordWallMs = wallNowMs;
        }
        lastPunctuationWallMs = wallNowMs;
        long eventNow = wallNowMs - lastRecordWallMs >= idleAfter.toMillis() ? wallNowMs : Math.min(wallNowMs, eventTimeMs);
        if (eventNow < 0) {
            return new Due(eventNow, List.of());
        }
        List<Entry> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = index.range(indexKey(0, ' ', ""), indexKey(eventNow, '~', ""))) {
            while (it.hasNext() && due.size() < MAX_DUE_PER_PUNCTUATION) {
                KeyValue<String, String> next = it.next();
                due.add(new Entry(next.key, next.key.charAt(KIND_POSITION), next.value));
            }
        }
        return new Due(eventNow, due);
    }

    /** What is due at a punctuation: the event time it is judged at, and the entries. */
    public record Due(long eventNow, List<Entry> entries) {
    }

    /** One due entry: its kind and the key it names. */
    public record Entry(String indexKey, char kind, String key) {
    }

    /** Fixed-width epoch millis first, so that keys sort by deadline. */
    static String indexKey(long epochMillis, char kind, String key) {
        if (epochMillis < 0) {
            return String.format("%019d|%c|%s", epochMillis, kind, key); // never a deadline; kept as it always read
        }
        String millis = Long.toString(epochMillis);
        StringBuilder indexKey = new StringBuilder(KIND_POSITION + 2 + key.length());
        for (int pad = KIND_POSITION - 1 - millis.length(); pad > 0; pad--) {
            indexKey.append('0'); // what %019d writes, without String.format's parsing of the pattern per call
        }
        return indexKey.append(millis).append('|').append(kind).append('|').append(key).toString();
    }
}
