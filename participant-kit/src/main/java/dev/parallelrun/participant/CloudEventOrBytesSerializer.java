package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Values a participant produces: outcome events, and dead letters, which are either events (a readable intent it
 * refused) or the original bytes (a record that was not an event).
 */
final class CloudEventOrBytesSerializer implements Serializer<Object> {

    private final EventCodec codec = EventCodec.standard();

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data instanceof CloudEvent event) {
            return codec.write(event);
        }
        throw new SerializationException("cannot write a " + data.getClass().getName() + " to " + topic);
    }
}
