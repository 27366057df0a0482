package dev.parallelrun.reconciliation.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import dev.parallelrun.reconciliation.verdicts.domain.PairKey;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pair store: its values' encoding, and the move of the stage stores' entries into it on an upgrade. */
class PairStoreTest {

    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final EventCodec codec = EventCodec.standard();
    private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    private final CorrelationTopologyTest.CountingMetrics metrics = new CorrelationTopologyTest.CountingMetrics();
    private final PairStateSerde serde = new PairStateSerde();
    private MockProcessorContext<String, byte[]> context;
    private final List<KeyValueStore<?, ?>> opened = new java.util.ArrayList<>();
    @TempDir
    Path stateDir;

    @BeforeEach
    void createStores() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pair-store-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        store(PairCorrelator.PAIR_STORE, serde);
        store(PairCorrelator.PENDING_STORE, new JsonSerde<>(PendingOutcome.class));
        store(PairCorrelator.DECIDED_STORE, new JsonSerde<>(DecidedPair.class));
        store(PairCorrelator.SEEN_STORE, Serdes.Long());
        store(PairCorrelator.EXPECTED_STORE, new JsonSerde<>(ExpectedOutcome.class));
        store(PairCorrelator.PROGRESS_STORE, Serdes.Long());
        store(PairCorrelator.DEADLINE_INDEX, Serdes.String());
    }

    @Test
    void encodesEveryStageAndReadsItBack() {
        Outcomes outcomes = Outcomes.forNewIntent(clock);
        PairCorrelator correlator = started();
        process(correlator, outcomes.clearAssessment(Side.LEGACY));
        PendingOutcome pending = (PendingOutcome) pairs().get(key(outcomes));
        process(correlator, outcomes.clearAssessment(Side.SHADOW));
        DecidedPair decided = (DecidedPair) pairs().get(key(outcomes));
        List<PairState> stages = List.of(pending, decided, new SeenPair(START.toEpochMilli()),
                new ExpectedOutcome("intent-1", "claims", START.toEpochMilli(), false, "replay-1"));

        for (PairState stage : stages) {
            byte[] bytes = serde.serializer().serialize(PairCorrelator.PAIR_STORE, stage);
            assertThat((char) bytes[0]).isEqualTo(stage.stage());
            assertThat(serde.deserializer().deserialize(PairCorrelator.PAIR_STORE, bytes)).isEqualTo(stage);
        }
        assertThat(serde.serializer().serialize(PairCorrelator.PAIR_STORE, new SeenPair(1))).hasSize(9);
        assertThatThrownBy(() -> serde.deserializer().deserialize(PairCorrelator.PAIR_STORE, new byte[] {'X', '{', '}'}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown pair stage X");
    }

    /**
     * State written by a version with one store per stage: a waiting side, a decided pair, a key kept as a duplicate
     * guard and an expectation are found where they are and go on as if nothing had changed.
     */
    @Test
    void takesAPairFromTheStageStoresOfAnEarlierVersionOnFirstUse() {
        Outcomes waiting = Outcomes.forNewIntent(clock);
        Outcomes decided = Outcomes.forNewIntent(clock);
        Outcomes forgotten = Outcomes.forNewIntent(clock);
        Outcomes expected = Outcomes.forNewIntent(clock);
        PairCorrelator before = started();
        process(before, waiting.clearAssessment(Side.LEGACY));
        process(before, decided.clearAssessment(Side.LEGACY));
        process(before, decided.clearAssessment(Side.SHADOW));
        context.resetForwards();
        // the same state as the earlier version kept it: one store per stage
        store(PairCorrelator.PENDING_STORE).put(key(waiting), pairs().delete(key(waiting)));
        store(PairCorrelator.DECIDED_STORE).put(key(decided), pairs().delete(key(decided)));
        long horizon = START.plus(Duration.ofDays(14)).toEpochMilli();
        store(PairCorrelator.SEEN_STORE).put(key(forgotten), horizon);
        ExpectedOutcome expectation = new ExpectedOutcome("intent-4", "claims", START.plus(WINDOW).toEpochMilli(), true,
                null);
        store(PairCorrelator.EXPECTED_STORE).put(key(expected), expectation);

        PairCorrelator after = started();
        process(after, waiting.clearAssessment(Side.SHADOW));
        process(after, decided.clearAssessment(Side.SHADOW));
        process(after, forgotten.clearAssessment(Side.LEGACY));
        process(after, expected.clearAssessment(Side.LEGACY));

        List<Verdict> verdicts = context.forwarded().stream()
                .map(forwarded -> codec.data(codec.read(forwarded.record().value()).data(), Verdict.class))
                .toList();
        assertThat(verdicts).singleElement().satisfies(verdict -> {
            assertThat(verdict.correlationId()).isEqualTo(waiting.correlationId());
            assertThat(verdict.classification()).isEqualTo(Classification.MATCH);
        });
        assertThat(metrics.duplicates.get()).isEqualTo(2);
        assertThat(pairs().get(key(waiting))).isInstanceOf(DecidedPair.class);
        assertThat(pairs().get(key(decided))).isInstanceOf(DecidedPair.class);
        assertThat(pairs().get(key(forgotten))).isEqualTo(new SeenPair(horizon));
        // the expectation became a waiting side
        assertThat(pairs().get(key(expected))).isInstanceOf(PendingOutcome.class);
        assertThat(store(PairCorrelator.PROGRESS_STORE).get(CorrelationTopology.pendingCountKey())).isEqualTo(1L);
        assertStageStoresEmpty();
    }

    /** What nobody asks for is moved by the punctuations, a bounded number at a time (one transaction each). */
    @Test
    void movesTheRestOfTheStageStoresAFewThousandAtATime() {
        int entries = StageStores.MOVE_PER_PUNCTUATION + 1;
        ExpectedOutcome expectation = new ExpectedOutcome("intent-1", "claims", START.plus(WINDOW).toEpochMilli(), true,
                null);
        store(PairCorrelator.EXPECTED_STORE).put("expected|claim-assessed", expectation);
        for (int i = 1; i < entries; i++) {
            store(PairCorrelator.SEEN_STORE).put("seen-" + i + "|claim-assessed", (long) i);
        }
        started();
        var punctuator = context.scheduledPunctuators().get(0).getPunctuator();

        punctuator.punctuate(START.toEpochMilli());
        assertThat(pairs().approximateNumEntries()).isEqualTo(StageStores.MOVE_PER_PUNCTUATION);
        assertThat(store(PairCorrelator.SEEN_STORE).approximateNumEntries()).isEqualTo(1);

        punctuator.punctuate(START.plusSeconds(1).toEpochMilli());
        assertThat(pairs().approximateNumEntries()).isEqualTo(entries);
        assertThat(pairs().get("expected|claim-assessed")).isEqualTo(expectation);
        assertThat(pairs().get("seen-7|claim-assessed")).isEqualTo(new SeenPair(7));
        assertStageStoresEmpty();
    }

    private void assertStageStoresEmpty() {
        for (String name : List.of(PairCorrelator.PENDING_STORE, PairCorrelator.DECIDED_STORE, PairCorrelator.SEEN_STORE,
                PairCorrelator.EXPECTED_STORE)) {
            assertThat(store(name).approximateNumEntries()).as(name).isZero();
        }
    }

    private PairCorrelator started() {
        CorrelationPolicy policy = new CorrelationPolicy(new CorrelationPolicy.Timing(WINDOW, Duration.ofMinutes(5)),
                Map.of(), Duration.ofHours(1));
        PairCorrelator correlator = new PairCorrelator(
                new VerdictDecider(RuleSetFixtures.comparator(RuleSetFixtures.claims())), policy,
                new IntentExpectations(Map.of("claims", List.of(ClaimsContract.CLAIM_ASSESSED))), metrics,
                Duration.ofSeconds(1), CorrelationTopology.DEFAULT_MAX_REQUEST_BYTES);
        correlator.init(context);
        return correlator;
    }

    private void process(PairCorrelator correlator, CloudEvent outcome) {
        String topic = outcome.outcomeSide() == Side.LEGACY ? Topics.OUTCOMES_LEGACY : Topics.OUTCOMES_SHADOW;
        context.setRecordMetadata(topic, 0, 0);
        correlator.process(new Record<>(outcome.correlationId(), codec.write(outcome), outcome.time().toEpochMilli()));
    }

    private static String key(Outcomes outcomes) {
        return new PairKey(outcomes.correlationId(), ClaimsContract.CLAIM_ASSESSED).asString();
    }

    private KeyValueStore<String, PairState> pairs() {
        return context.getStateStore(PairCorrelator.PAIR_STORE);
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return context.getStateStore(name);
    }

    private <V> void store(String name, Serde<V> values) {
        // RocksDB, as in production (the record cache needs a stream thread's context and is left out)
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        opened.add(store);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(KeyValueStore::close);
    }
}
