package dev.parallelrun.events;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for CloudEvents in structured JSON mode. Throws {@link MalformedEventException}
 * on a poison record; wrap it in an error-handling deserializer so the record reaches its dead-letter topic.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent> {
    private final EventCodec codec = EventCodec.standard();

    @Override
    public CloudEvent deserialize(String topic, byte[] data) {
        return data == null ? null : codec.read(data);
    }
}
