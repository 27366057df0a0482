package dev.parallelrun.reconciliation.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Side;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SiblingDecodingTest {

    private final EventCodec codec = EventCodec.standard();
    private final byte[] outcome = codec.write(Outcomes.forNewIntent().clearAssessment(Side.LEGACY));

    @Test
    void parsesTheSameBytesOnceForBothSiblings() {
        CloudEvent first = SiblingDecoding.read(codec, outcome);
        CloudEvent second = SiblingDecoding.read(codec, outcome);

        assertThat(second).isSameAs(first).isEqualTo(codec.read(outcome));
    }

    @Test
    void parsesEqualBytesOfAnotherRecordAgain() {
        CloudEvent first = SiblingDecoding.read(codec, outcome);
        CloudEvent next = SiblingDecoding.read(codec, outcome.clone());

        assertThat(next).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void givesBothSiblingsTheSameFailure() {
        byte[] unreadable = "{\"specversion\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SiblingDecoding.read(codec, unreadable)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> SiblingDecoding.read(codec, unreadable)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> SiblingDecoding.read(codec, null)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void keepsOneMemoryPerStreamThread() throws InterruptedException {
        CloudEvent mine = SiblingDecoding.read(codec, outcome);
        AtomicReference<CloudEvent> theirs = new AtomicReference<>();
        Thread other = new Thread(() -> theirs.set(SiblingDecoding.read(codec, outcome)));
        other.start();
        other.join();

        assertThat(theirs.get()).isNotSameAs(mine).isEqualTo(mine);
    }
}
