package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.domain.VerdictDecider;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology: both outcome topics (co-partitioned by correlation id) into one
 * {@link PairCorrelator} with its persistent stores, verdicts out to {@code reconciliation.verdicts.v1},
 * poison records to each source's dead-letter topic.
 */
public final class CorrelationTopology {

    private CorrelationTopology() {
    }

    public static Topology build(VerdictDecider decider, CorrelationPolicy policy, CorrelationMetrics metrics,
            Duration punctuateInterval) {
        Topology topology = new Topology();
        topology.addSource("legacy-outcomes", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.OUTCOMES_LEGACY);
        topology.addSource("shadow-outcomes", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.OUTCOMES_SHADOW);
        topology.addProcessor("pair-correlator", () -> new PairCorrelator(decider, policy, metrics, punctuateInterval),
                "legacy-outcomes", "shadow-outcomes");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.PENDING_STORE),
                Serdes.String(), new JsonSerde<>(PendingOutcome.class)), "pair-correlator");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.DECIDED_STORE),
                Serdes.String(), new JsonSerde<>(DecidedPair.class)), "pair-correlator");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.DEADLINE_INDEX),
                Serdes.String(), Serdes.String()), "pair-correlator");
        topology.addSink(PairCorrelator.VERDICT_SINK, Topics.VERDICTS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), "pair-correlator");
        for (String source : new String[] {Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW}) {
            topology.addSink(PairCorrelator.deadLetterSink(source), Topics.deadLetter(source),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer(), "pair-correlator");
        }
        return topology;
    }

    /** The store holding outcomes that wait for their counterpart, for the pending-correlations gauge. */
    public static String pendingStoreName() {
        return PairCorrelator.PENDING_STORE;
    }
}
