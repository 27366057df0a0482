package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;

/**
 * One parse per record for the sibling processors of the correlation's task: the pair correlator and the authoritative
 * outcomes read the same sources, and Kafka Streams hands them the same record, so the same value bytes, one after the
 * other on the stream thread. The first to read the bytes parses them; the second gets the same event (or the same
 * failure). Keyed by the identity of the bytes, per stream thread; holding the last bytes keeps their identity from
 * being reused while they are remembered.
 *
 * <p>Events are immutable records (their {@code data} is never changed in place: the redactor works on a copy), so
 * sharing one is safe.
 */
public final class SiblingDecoding {

    private static final ThreadLocal<SiblingDecoding> LAST = ThreadLocal.withInitial(SiblingDecoding::new);

    private byte[] bytes;
    private CloudEvent event;
    private RuntimeException failure;

    private SiblingDecoding() {
    }

    /**
     * Reads an event as {@link EventCodec#read(byte[])} does, parsing it only if this thread did not just read the very
     * same bytes.
     */
    public static CloudEvent read(EventCodec codec, byte[] value) {
        return LAST.get().decode(codec, value);
    }

    private CloudEvent decode(EventCodec codec, byte[] value) {
        if (value == null) {
            return codec.read(null);
        }
        if (value != bytes) {
            bytes = value;
            event = null;
            failure = null;
            try {
                event = codec.read(value);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return event;
    }
}
