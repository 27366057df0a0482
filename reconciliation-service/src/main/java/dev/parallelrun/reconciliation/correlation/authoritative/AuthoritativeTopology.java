package dev.parallelrun.reconciliation.correlation.authoritative;

import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.correlation.JsonSerde;
import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The authoritative stream's part of the correlation topology: its processor beside the pair correlator, on the same
 * sources (so in the same task and the same exactly-once transaction), its persistent stores, its sink to
 * {@code outcomes.authoritative.v1} and one sink per context to {@code intents.<context>.v1} for the fallback intents.
 */
public final class AuthoritativeTopology {

    static final String PROCESSOR = "authoritative-outcomes";

    private AuthoritativeTopology() {
    }

    /**
     * @param parents              the source nodes of both outcome topics and (if any) the intent topics
     * @param outcomeTypesByContext the outcome types each context's rule set compares, all of which an intent expects
     */
    public static void addTo(Topology topology, String[] parents, Map<String, List<String>> outcomeTypesByContext,
            CorrelationPolicy policy, AuthorityMetrics metrics, Duration punctuateInterval) {
        topology.addProcessor(PROCESSOR, () -> new AuthoritativeOutcomes(policy, outcomeTypesByContext, metrics,
                punctuateInterval), parents);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuthoritativeOutcomes.EMITTED_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuthoritativeOutcomes.INTENT_STORE),
                Serdes.String(), new JsonSerde<>(IntentWatch.class)).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuthoritativeOutcomes.DEADLINE_INDEX),
                Serdes.String(), Serdes.String()).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuthoritativeOutcomes.PROGRESS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), PROCESSOR);
        topology.addSink(AuthoritativeOutcomes.AUTHORITATIVE_SINK, Topics.AUTHORITATIVE_OUTCOMES,
                Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        for (String context : outcomeTypesByContext.keySet()) {
            topology.addSink(AuthoritativeOutcomes.fallbackSink(context), Topics.intents(context),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        }
    }
}
