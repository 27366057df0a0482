package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.EventCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.ObjectMapper;

/**
 * The pair store's values: the stage's letter, then the stage as JSON (a {@link SeenPair} as its 8-byte deadline, the
 * only field it has).
 */
final class PairStateSerde implements Serde<PairState> {

    private final ObjectMapper mapper = EventCodec.standard().mapper();

    @Override
    public Serializer<PairState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<PairState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private byte[] write(PairState state) {
        if (state instanceof SeenPair seen) {
            return ByteBuffer.allocate(1 + Long.BYTES).put((byte) SeenPair.STAGE).putLong(seen.untilMs()).array();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.write(state.stage());
        mapper.writeValue(out, state);
        return out.toByteArray();
    }

    private PairState read(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("an empty pair state");
        }
        char stage = (char) bytes[0];
        return switch (stage) {
            case SeenPair.STAGE -> new SeenPair(ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong());
            case PendingOutcome.STAGE -> mapper.readValue(bytes, 1, bytes.length - 1, PendingOutcome.class);
            case DecidedPair.STAGE -> mapper.readValue(bytes, 1, bytes.length - 1, DecidedPair.class);
            case ExpectedOutcome.STAGE -> mapper.readValue(bytes, 1, bytes.length - 1, ExpectedOutcome.class);
            default -> throw new SerializationException("unknown pair stage " + stage + " in "
                    + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 16))));
        };
    }
}
