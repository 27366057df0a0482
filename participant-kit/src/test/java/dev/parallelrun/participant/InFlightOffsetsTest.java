package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What a consumer whose records finish out of order may commit. */
class InFlightOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("intents.claims.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("intents.claims.v1", 1);

    private final InFlightOffsets offsets = new InFlightOffsets();

    @Test
    void commitsUpToTheLowestUnfinishedRecordNeverPastIt() {
        InFlightOffsets.Assignment assignment = offsets.dispatched(P0, 10);
        offsets.dispatched(P0, 11);
        offsets.dispatched(P0, 12);

        offsets.finished(assignment, 11);
        offsets.finished(assignment, 12);

        assertThat(offsets.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        assertThat(offsets.inFlight()).isEqualTo(1);

        offsets.finished(assignment, 10);

        assertThat(offsets.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void handsOutEachPositionOnceAndOnlyThePartitionsThatMoved() {
        InFlightOffsets.Assignment p0 = offsets.dispatched(P0, 0);
        InFlightOffsets.Assignment p1 = offsets.dispatched(P1, 5);
        offsets.finished(p0, 0);

        assertThat(offsets.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(5)));
        assertThat(offsets.toCommit()).isEmpty();

        offsets.finished(p1, 5);

        assertThat(offsets.toCommit()).isEqualTo(Map.of(P1, new OffsetAndMetadata(6)));
    }

    @Test
    void aRevokedPartitionHandsOutItsLastPositionAndIgnoresItsOldRecordsFinishingLater() {
        InFlightOffsets.Assignment old = offsets.dispatched(P0, 3);
        offsets.dispatched(P0, 4);
        offsets.finished(old, 4);

        assertThat(offsets.forget(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
        assertThat(offsets.inFlight()).isZero();
        assertThat(offsets.isCurrent(old)).isFalse();

        // assigned again: offset 3 redelivered, while the old delivery of 3 is still running
        InFlightOffsets.Assignment again = offsets.dispatched(P0, 3);
        offsets.finished(old, 3);

        assertThat(offsets.isCurrent(again)).isTrue();
        assertThat(offsets.inFlight()).isEqualTo(1);
        assertThat(offsets.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void aLostPartitionStopsCounting() {
        offsets.dispatched(P0, 0);
        offsets.dispatched(P1, 0);

        offsets.forget(List.of(P1));

        assertThat(offsets.inFlight()).isEqualTo(1);
        assertThat(offsets.toCommit()).containsOnlyKeys(P0);
    }
}
