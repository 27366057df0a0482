package dev.parallelrun.participant.personaldata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps keys (and the fact that one is destroyed) in memory for a bounded time and number, never on disk: an intent
 * burst of one subject costs one request, and an erasure reaches the participant within the time to live. A failure
 * of the key service is not kept.
 */
public final class CachedSubjectKeys implements SubjectKeys {

    private final SubjectKeys source;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public CachedSubjectKeys(SubjectKeys source, Duration ttl, int maxEntries, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    private record Entry(byte[] key, Instant expires) {
    }

    @Override
    public Optional<byte[]> key(String subjectRef, int generation) {
        String id = subjectRef + ":" + generation;
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(id);
            if (entry != null && now.isBefore(entry.expires())) {
                return Optional.ofNullable(entry.key()).map(byte[]::clone);
            }
        }
        Optional<byte[]> key = source.key(subjectRef, generation);
        synchronized (entries) {
            evictExpiredAndOldest(now);
            entries.put(id, new Entry(key.map(byte[]::clone).orElse(null), now.plus(ttl)));
        }
        return key;
    }

    private void evictExpiredAndOldest(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
        Iterator<String> oldest = entries.keySet().iterator();
        while (entries.size() >= maxEntries && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
