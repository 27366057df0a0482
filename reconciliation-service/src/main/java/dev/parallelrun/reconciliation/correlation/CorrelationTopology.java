package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import dev.parallelrun.reconciliation.correlation.authoritative.AuthorityMetrics;
import dev.parallelrun.reconciliation.correlation.authoritative.AuthoritativeTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology: both outcome topics and the intent topics of the contexts with a rule set
 * (all co-partitioned: keyed by correlation id, same partition count) into one {@link PairCorrelator} with
 * its persistent stores, verdicts out to {@code reconciliation.verdicts.v1}, poison records to each
 * outcome topic's dead-letter topic; beside it, on the same records and in the same transaction, the authoritative
 * stream ({@code outcomes.authoritative.v1}) and the fallback intents ({@link AuthoritativeTopology}).
 */
public final class CorrelationTopology {

    /** The producer's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    static final String INTENTS_SOURCE = "intents";

    private CorrelationTopology() {
    }

    /** Without intents: no {@code UNANSWERED} verdicts. */
    public static Topology build(VerdictDecider decider, CorrelationPolicy policy, CorrelationMetrics metrics,
            Duration punctuateInterval) {
        return build(decider, policy, IntentExpectations.none(), metrics, punctuateInterval, DEFAULT_MAX_REQUEST_BYTES);
    }

    /**
     * @param maxRequestBytes the Streams producer's {@code max.request.size}: a verdict that would not fit is
     *                        refused before it is sent, and its source record dead-lettered
     */
    public static Topology build(VerdictDecider decider, CorrelationPolicy policy, IntentExpectations expectations,
            CorrelationMetrics metrics, Duration punctuateInterval, int maxRequestBytes) {
        return build(decider, policy, expectations, metrics,
                new AuthorityMetrics(new SimpleMeterRegistry(), expectations.outcomeTypesByContext()), punctuateInterval,
                maxRequestBytes);
    }

    /**
     * With the authoritative stream's metrics.
     *
     * @param maxRequestBytes the Streams producer's {@code max.request.size}: a verdict that would not fit is
     *                        refused before it is sent, and its source record dead-lettered
     */
    public static Topology build(VerdictDecider decider, CorrelationPolicy policy, IntentExpectations expectations,
            CorrelationMetrics metrics, AuthorityMetrics authorityMetrics, Duration punctuateInterval,
            int maxRequestBytes) {
        Topology topology = new Topology();
        topology.addSource("legacy-outcomes", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.OUTCOMES_LEGACY);
        topology.addSource("shadow-outcomes", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.OUTCOMES_SHADOW);
        String[] parents = expectations.isEmpty() ? new String[] {"legacy-outcomes", "shadow-outcomes"}
                : new String[] {"legacy-outcomes", "shadow-outcomes", INTENTS_SOURCE};
        if (!expectations.isEmpty()) {
            topology.addSource(INTENTS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                    expectations.intentTopics());
        }
        topology.addProcessor("pair-correlator", () -> new PairCorrelator(decider, policy, expectations, metrics,
                punctuateInterval, maxRequestBytes), parents);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.PAIR_STORE),
                Serdes.String(), new PairStateSerde()).withCachingEnabled(), "pair-correlator");
        // the stage stores of earlier versions, emptied gradually into the pair store (StageStores)
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.PENDING_STORE),
                Serdes.String(), new JsonSerde<>(PendingOutcome.class)).withCachingEnabled(), "pair-correlator");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.DECIDED_STORE),
                Serdes.String(), new JsonSerde<>(DecidedPair.class)).withCachingEnabled(), "pair-correlator");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.SEEN_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), "pair-correlator");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.EXPECTED_STORE),
                Serdes.String(), new JsonSerde<>(ExpectedOutcome.class)).withCachingEnabled(), "pair-correlator");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.PROGRESS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), "pair-correlator");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairCorrelator.DEADLINE_INDEX),
                Serdes.String(), Serdes.String()).withCachingEnabled(), "pair-correlator");
        topology.addSink(PairCorrelator.VERDICT_SINK, Topics.VERDICTS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), "pair-correlator");
        for (String source : new String[] {Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW}) {
            topology.addSink(PairCorrelator.deadLetterSink(source), Topics.deadLetter(source),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer(), "pair-correlator");
        }
        AuthoritativeTopology.addTo(topology, parents, expectations.outcomeTypesByContext(), policy, authorityMetrics,
                punctuateInterval);
        return topology;
    }

    /** The store whose {@link #pendingCountKey()} holds, per task, how many outcomes wait for their counterpart. */
    public static String progressStoreName() {
        return PairCorrelator.PROGRESS_STORE;
    }

    /** The key of the pending-outcome count in the {@link #progressStoreName() progress store}. */
    public static String pendingCountKey() {
        return PairCorrelator.PENDING_COUNT;
    }
}
