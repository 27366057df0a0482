package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.EventCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde for the correlation's state store values. */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final EventCodec codec = EventCodec.standard();

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : codec.mapper().writeValueAsBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.mapper().readValue(bytes, type);
    }
}
