package dev.parallelrun.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the CloudEvent decoder every consumer reads its records with. Whatever
 * bytes arrive, the decoder answers with a valid event or a {@link MalformedEventException} (which the
 * error-handling deserializer turns into a dead-letter record); any other throwable is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the corpus in {@code CloudEventDeserializerFuzzTestInputs/}
 * as a regression test; see docs/development.md for a fuzzing session.
 */
class CloudEventDeserializerFuzzTest {

    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    @FuzzTest(maxDuration = "5m")
    void decodesAnyBytesIntoAnEventOrAMalformedEventException(byte[] record) {
        CloudEvent event;
        try {
            event = deserializer.deserialize("outcomes.fuzz.v1", record);
        } catch (MalformedEventException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        if (record == null) {
            return;
        }
        // what the decoder accepts, every consumer can write back and read again (verdicts echo the data)
        EventCodec codec = EventCodec.standard();
        assertThat(codec.read(codec.write(event)).correlationId()).isEqualTo(event.correlationId());
    }
}
