package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A poll's intents in offset order with one commit per poll; poison dead-lettered in place, failures by index. (A
 * participant with a parallelism above 1 uses {@link ParallelIntentConsumer}, see {@code ParallelIntentConsumerIT}.)
 */
class IntentListenerTest {

    private static final String TOPIC = "intents.notes.v1";

    private final EventCodec codec = EventCodec.standard();
    private final Participant participant = new Participant(Side.LEGACY, "urn:parallelrun:test",
            Clock.systemUTC(), codec);
    private final List<String> decisions = new CopyOnWriteArrayList<>();
    private final List<CloudEvent> published = new CopyOnWriteArrayList<>();
    private final Set<String> unpublishable = ConcurrentHashMap.newKeySet();
    private final List<Map.Entry<ConsumerRecord<?, ?>, Exception>> deadLetters = new CopyOnWriteArrayList<>();
    private final InMemoryProcessedIntents processed = new InMemoryProcessedIntents();
    private final List<String> happenings = new CopyOnWriteArrayList<>();
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile boolean failCommits;
    private volatile Runnable whileDeciding = () -> {
    };
    private IntentListener listener;

    @Test
    void deadLettersPoisonRecordsWhereTheyAreAndProcessesTheRest() {
        CloudEvent before = intent();
        CloudEvent after = intent();
        CloudEvent notAnIntent = Notes.notAnIntent();
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>(records(List.of(before, notAnIntent)));
        records.add(undecodable(2, "not json"));
        records.add(record(3, "empty", null));
        records.add(record(4, after.correlationId(), after));

        listener().onIntents(records);

        assertThat(published).extracting(CloudEvent::correlationId)
                .containsOnly(before.correlationId(), after.correlationId()).hasSize(2);
        assertThat(deadLetters).extracting(entry -> entry.getKey().offset()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(deadLetters).allSatisfy(entry -> assertThat(entry.getValue())
                .isInstanceOfAny(MalformedEventException.class, DeserializationException.class));
        assertThat(deadLetterOf(3).getMessage()).isEqualTo("empty record: expected a CloudEvents JSON object");
        assertThat(deadLetterOf(1).getMessage()).startsWith("expected an intent of type notes.NoteTaken.v1");
    }

    @Test
    void decidesAPollInOffsetOrderAndStoresItInOneTransactionWhenNotParallel() {
        List<CloudEvent> intents = List.of(intent(), intent(), intent(), intent());

        listener().onIntents(records(intents));

        assertThat(decisions).containsExactlyElementsOf(intents.stream().map(CloudEvent::id).toList());
        assertThat(transactions.get()).as("one commit for the poll's four decisions").isEqualTo(1);
        assertThat(published).extracting(CloudEvent::correlationId)
                .containsExactlyElementsOf(intents.stream().map(CloudEvent::correlationId).toList());
        assertThat(published).extracting(CloudEvent::causationId)
                .containsExactlyElementsOf(intents.stream().map(CloudEvent::id).toList());
    }

    @Test
    void reportsTheFirstUnpublishedIntentWhenNotParallelAndItsRedeliveryRepublishesWhatWasStored() {
        List<CloudEvent> intents = List.of(intent(), intent(), intent(), intent());
        unpublishable.add(intents.get(1).correlationId());

        assertThatThrownBy(() -> listener().onIntents(records(intents)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(1);
                    assertThat(failure.getCause()).hasMessageContaining("broker unavailable");
                });
        assertThat(published).extracting(CloudEvent::correlationId).containsExactly(intents.get(0).correlationId());
        List<String> decidedOnce = List.copyOf(decisions);
        assertThat(decidedOnce).hasSize(4);

        unpublishable.clear(); // the container redelivers from the failed record on
        List<ConsumerRecord<String, CloudEvent>> redelivered = records(intents).subList(1, 4);
        listener.onIntents(redelivered);

        assertThat(decisions).as("stored decisions are not made again").isEqualTo(decidedOnce);
        assertThat(published).extracting(CloudEvent::correlationId)
                .containsExactlyElementsOf(intents.stream().map(CloudEvent::correlationId).toList());
        for (CloudEvent intent : intents) {
            assertThat(published).filteredOn(outcome -> outcome.causationId().equals(intent.id()))
                    .containsExactlyElementsOf(processed.outcomesOf(intent.id()).orElseThrow());
        }
    }

    @Test
    void aFailedCommitReportsTheGroupsFirstIntentAndPublishesNothingOfIt() {
        List<CloudEvent> intents = List.of(intent(), intent(), intent());
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>(records(intents));
        records.add(0, record(9, "empty", null)); // dead-lettered first, before the group starts
        failCommits = true;

        assertThatThrownBy(() -> listener().onIntents(records))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(1);
                    assertThat(failure.getCause()).hasMessageContaining("database unavailable");
                });
        assertThat(published).isEmpty();
        assertThat(deadLetters).hasSize(1);
    }

    @Test
    void flushesTheGroupBeforeARecordItDoesNotDecideSoOutcomesLeaveInThePollsOrder() {
        CloudEvent first = intent();
        CloudEvent second = intent();
        CloudEvent decidedBefore = intent();
        CloudEvent last = intent();
        listener().onIntents(records(List.of(decidedBefore)));
        happenings.clear();
        transactions.set(0);
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>(records(List.of(first, second)));
        records.add(record(2, "empty", null));
        records.add(record(3, decidedBefore.correlationId(), decidedBefore));
        records.add(record(4, last.correlationId(), last));

        listener.onIntents(records);

        assertThat(happenings).containsSubsequence("published " + first.correlationId(),
                "published " + second.correlationId(), "dead-lettered 2", "published " + decidedBefore.correlationId(),
                "published " + last.correlationId());
        assertThat(transactions.get()).as("one commit before the poison record, one for the last intent").isEqualTo(2);
    }

    @Test
    void aHandlerFailurePublishesTheGroupBeforeItAndReportsItsOwnIndex() {
        List<CloudEvent> intents = List.of(intent(), intent(), intent(), intent());
        whileDeciding = () -> {
            if (decisions.size() == 3) {
                throw new IllegalStateException("rule engine unavailable");
            }
        };

        assertThatThrownBy(() -> listener().onIntents(records(intents)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(2);
                    assertThat(failure.getCause()).hasMessage("rule engine unavailable");
                });
        assertThat(published).extracting(CloudEvent::correlationId)
                .containsExactly(intents.get(0).correlationId(), intents.get(1).correlationId());
        assertThat(processed.outcomesOf(intents.get(2).id())).isEmpty();
    }

    // --- fixtures

    private IntentListener listener() {
        IntentHandler handler = Notes.handler(participant, intent -> {
            decisions.add(intent.id());
            whileDeciding.run();
        });
        OutcomePublisher publisher = outcomes -> {
            if (unpublishable.contains(outcomes.get(0).correlationId())) {
                throw new IllegalStateException("broker unavailable");
            }
            published.addAll(outcomes);
            happenings.add("published " + outcomes.get(0).correlationId());
        };
        ParticipantMetrics metrics = new ParticipantMetrics(new SimpleMeterRegistry(), new ParticipantContexts(List.of(Notes.CONTEXT)), Side.LEGACY);
        SideEffectGate gate = new SideEffectGate(Side.LEGACY, new SideEffects() {
            @Override
            public void record(GatedSideEffect sideEffect) {
            }

            @Override
            public List<GatedSideEffect> ofCorrelation(String correlationId) {
                return List.of();
            }
        }, Clock.systemUTC(), codec, metrics);
        TransactionOperations counted = new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                if (failCommits) {
                    throw new IllegalStateException("database unavailable");
                }
                transactions.incrementAndGet();
                return action.doInTransaction(new SimpleTransactionStatus());
            }
        };
        IntentProcessor processor = new IntentProcessor(properties(), List.of(handler), processed, gate, publisher,
                counted, metrics);
        BiConsumer<ConsumerRecord<?, ?>, Exception> recoverer = (record, failure) -> {
            deadLetters.add(Map.entry(record, failure));
            happenings.add("dead-lettered " + record.offset());
        };
        listener = new IntentListener(processor, recoverer);
        return listener;
    }

    static ParticipantProperties properties() {
        return new ParticipantProperties(Side.LEGACY, "urn:parallelrun:test",
                new ParticipantProperties.Consumer("test", 4),
                new ParticipantProperties.Retry(4, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2)),
                Duration.ofSeconds(10), new ParticipantProperties.Topics(3, (short) 1, 1),
                new ParticipantProperties.Retention(Duration.ofDays(14), Duration.ofDays(400), Duration.ofHours(1)));
    }

    private Exception deadLetterOf(long offset) {
        return deadLetters.stream().filter(entry -> entry.getKey().offset() == offset).findFirst().orElseThrow()
                .getValue();
    }

    private static CloudEvent intent() {
        return Notes.intent();
    }

    private static CloudEvent intent(String correlationId) {
        return Notes.intent(correlationId);
    }

    private static List<ConsumerRecord<String, CloudEvent>> records(List<CloudEvent> events) {
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        for (CloudEvent event : events) {
            records.add(record(records.size(), event.correlationId(), event));
        }
        return records;
    }

    private static ConsumerRecord<String, CloudEvent> record(long offset, String key, CloudEvent value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, key, value);
    }

    private static ConsumerRecord<String, CloudEvent> undecodable(long offset, String bytes) {
        RecordHeaders headers = new RecordHeaders();
        byte[] data = bytes.getBytes(StandardCharsets.UTF_8);
        SerializationUtils.deserializationException(headers, data,
                new DeserializationException("failed to deserialize", data, false,
                        new MalformedEventException("not a valid CloudEvents JSON object")), false);
        return new ConsumerRecord<>(TOPIC, 0, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, "undecodable", null, headers, Optional.empty());
    }

    /** Stores the first outcomes per intent, as the database does with its unique key. */
    private static final class InMemoryProcessedIntents implements ProcessedIntents {
        private final Map<String, List<CloudEvent>> stored = new ConcurrentHashMap<>();

        @Override
        public Optional<List<CloudEvent>> outcomesOf(String intentEventId) {
            return Optional.ofNullable(stored.get(intentEventId));
        }

        @Override
        public boolean storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes) {
            return stored.putIfAbsent(intentEventId, List.copyOf(outcomes)) == null;
        }
    }
}
