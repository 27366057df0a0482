package dev.parallelrun.participant;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets a consumer may commit while its records finish out of order: per partition, up to (not including) the
 * lowest record dispatched and not yet finished, or past the last dispatched one when all are finished. A crash then
 * redelivers every unfinished record (and the finished ones after it, whose redelivery is idempotent), never skips one.
 *
 * <p>Each assignment of a partition is tracked on its own ({@link Assignment}): once the partition is revoked or lost,
 * a record of the old assignment that finishes changes nothing, and one not started yet is {@linkplain #isCurrent not
 * worth starting} (its partition's new owner redelivers it).
 *
 * <p>Thread-safe: records are dispatched and offsets committed on the consumer's thread, records finish on others.
 */
final class InFlightOffsets {

    /** One assignment of a partition to this consumer: the ticket a dispatched record carries until it finishes. */
    static final class Assignment {

        private final TopicPartition partition;
        private final TreeSet<Long> unfinished = new TreeSet<>();
        /** The offset after the highest dispatched; -1 before the first. */
        private long next = -1;
        /** The position last handed out to commit; -1 before the first. */
        private long committed = -1;
        private boolean current = true;

        private Assignment(TopicPartition partition) {
            this.partition = partition;
        }

        private long position() {
            return unfinished.isEmpty() ? next : unfinished.first();
        }
    }

    private final Map<TopicPartition, Assignment> assignments = new HashMap<>();
    private int inFlight;

    /** Records that a record was dispatched; it counts as unfinished until {@link #finished}. */
    synchronized Assignment dispatched(TopicPartition partition, long offset) {
        Assignment assignment = assignments.computeIfAbsent(partition, Assignment::new);
        if (assignment.unfinished.add(offset)) {
            inFlight++;
        }
        assignment.next = Math.max(assignment.next, offset + 1);
        return assignment;
    }

    /** Records that a dispatched record is done with: processed, or dead-lettered. */
    synchronized void finished(Assignment assignment, long offset) {
        if (assignment.current && assignment.unfinished.remove(offset)) {
            inFlight--;
        }
    }

    /** Whether the record's partition is still assigned as when it was dispatched. */
    synchronized boolean isCurrent(Assignment assignment) {
        return assignment.current;
    }

    /** Records dispatched and not finished, over every partition. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** The positions that moved since they were last handed out, to commit; each is handed out once. */
    synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (Assignment assignment : assignments.values()) {
            long position = assignment.position();
            if (position > assignment.committed) {
                assignment.committed = position;
                positions.put(assignment.partition, new OffsetAndMetadata(position));
            }
        }
        return positions;
    }

    /**
     * Forgets the partitions (revoked, or lost): their unfinished records no longer count.
     *
     * @return their positions that moved since last handed out, to commit before the partitions go (for a revoke)
     */
    synchronized Map<TopicPartition, OffsetAndMetadata> forget(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Assignment assignment = assignments.remove(partition);
            if (assignment == null) {
                continue;
            }
            assignment.current = false;
            inFlight -= assignment.unfinished.size();
            long position = assignment.position();
            if (position > assignment.committed) {
                positions.put(partition, new OffsetAndMetadata(position));
            }
        }
        return positions;
    }
}
