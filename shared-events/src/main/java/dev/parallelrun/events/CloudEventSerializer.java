package dev.parallelrun.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer writing CloudEvents in structured JSON mode. */
public class CloudEventSerializer implements Serializer<CloudEvent> {
    private final EventCodec codec = EventCodec.standard();

    @Override
    public byte[] serialize(String topic, CloudEvent event) {
        return event == null ? null : codec.write(event);
    }
}
