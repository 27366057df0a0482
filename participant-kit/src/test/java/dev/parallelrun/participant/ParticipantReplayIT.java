package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replays on a participant that answers them from its stored outcomes, as the legacy adapter does: the made-up notes
 * context ({@link Notes}) decided on the {@code legacy} side with {@code participant.replays.answer-from-stored-outcomes},
 * on the in-process broker and a real PostgreSQL. The handler records every intent it is asked to decide: the "legacy
 * call" a governed replay must never make.
 */
@SpringBootTest(classes = ParticipantReplayIT.NotesAdapter.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.kafka.consumer.auto-offset-reset=earliest",
                "spring.flyway.locations=classpath:db/participant",
                "participant.side=legacy",
                "participant.source=urn:parallelrun:notes-adapter",
                // its own group: the shadow notes participant of ParticipantKitIT may consume the same topic meanwhile
                "participant.consumer.group=notes-adapter",
                "participant.retry.max-attempts=2",
                "participant.retry.initial-backoff=50ms",
                "participant.retry.max-backoff=200ms",
                "participant.replays.answer-from-stored-outcomes=true"})
class ParticipantReplayIT {

    private static final String INTENTS = Topics.intents(Notes.CONTEXT);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The ids of the intents the handler decided. */
    private static final Set<String> DECIDED = ConcurrentHashMap.newKeySet();

    private final EventCodec codec = EventCodec.standard();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meterRegistry;

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> tail;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "participant_replay_it");
    }

    @BeforeEach
    void connect() {
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        tail = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        await().atMost(PATIENCE).until(() -> !tail.partitionsFor(Topics.OUTCOMES_LEGACY).isEmpty());
        List<TopicPartition> partitions = tail.partitionsFor(Topics.OUTCOMES_LEGACY).stream()
                .map(info -> new TopicPartition(Topics.OUTCOMES_LEGACY, info.partition())).toList();
        tail.assign(partitions);
        tail.seekToBeginning(partitions);
    }

    @AfterEach
    void disconnect() {
        producer.close();
        tail.close();
    }

    @Test
    void answersAReplayWithTheOriginalsStoredOutcomeUnderTheReplaysIdsWithoutCallingTheHandler() throws Exception {
        CloudEvent original = Notes.intent();
        send(original);
        CloudEvent first = outcomesOf(original, 1).get(0);
        CloudEvent replayed = original.replayedAs(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "replay-1",
                ReplayKind.REPLAY, Instant.now());

        send(replayed);

        CloudEvent answer = outcomesOf(replayed, 1).get(0);
        assertThat(DECIDED).contains(original.id()).doesNotContain(replayed.id());
        assertThat(answer.id()).isEqualTo(Participant.outcomeId(replayed.id(), Side.LEGACY, Notes.NOTE_FILED));
        assertThat(answer.correlationId()).isEqualTo(replayed.correlationId());
        assertThat(answer.causationId()).isEqualTo(replayed.id());
        assertThat(answer.isReplay()).isTrue();
        assertThat(answer.replayId()).isEqualTo("replay-1");
        assertThat(answer.replayKindOrDefault()).isEqualTo(ReplayKind.REPLAY);
        assertThat(answer.replayKind()).isEqualTo("replay");
        assertThat(answer.type()).isEqualTo(first.type());
        assertThat(answer.outcomeType()).isEqualTo(Notes.NOTE_FILED);
        assertThat(answer.outcomeSide()).isEqualTo(Side.LEGACY);
        assertThat(answer.status()).isEqualTo(first.status());
        assertThat(answer.source()).isEqualTo(first.source());
        assertThat(answer.data()).isEqualTo(first.data());
        assertThat(statuses(original)).containsExactly("DISPATCHED");
        assertThat(statuses(replayed)).as("legacy is not asked: nothing it did to record").isEmpty();
        assertThat(answeredFromStore("true")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void answersARedeliveredReplayWithTheSameOutcomeAndNothingNew() throws Exception {
        CloudEvent original = Notes.intent();
        send(original);
        outcomesOf(original, 1);
        CloudEvent replayed = original.replayedAs(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "replay-2",
                ReplayKind.REPLAY, Instant.now());
        send(replayed);
        List<ConsumerRecord<String, byte[]>> firstAnswer = recordsOf(replayed, 1);

        send(replayed);

        List<ConsumerRecord<String, byte[]>> answers = recordsOf(replayed, 2);
        assertThat(answers).hasSize(2);
        assertThat(answers.get(1).value()).isEqualTo(firstAnswer.get(0).value());
        assertThat(DECIDED).doesNotContain(replayed.id());
        assertThat(statuses(replayed)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM processed_intent WHERE intent_event_id = ?").param(replayed.id())
                .query(Integer.class).single()).isOne();
    }

    @Test
    void failsAReplayWhoseOriginalWasNeverProcessedHereWithTheReason() throws Exception {
        CloudEvent unknown = Notes.intent();
        CloudEvent replayed = unknown.replayedAs(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "replay-3",
                ReplayKind.REPLAY, Instant.now());

        send(replayed);

        CloudEvent answer = outcomesOf(replayed, 1).get(0);
        assertThat(DECIDED).doesNotContain(replayed.id());
        assertThat(answer.id()).isEqualTo(Participant.outcomeId(replayed.id(), Side.LEGACY, Notes.NOTE_FILED));
        assertThat(answer.outcomeType()).isEqualTo(Notes.NOTE_FILED);
        assertThat(answer.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(answer.correlationId()).isEqualTo(replayed.correlationId());
        assertThat(answer.causationId()).isEqualTo(replayed.id());
        assertThat(answer.replayId()).isEqualTo("replay-3");
        assertThat(codec.data(answer.data(), OutcomeProblem.class)).isEqualTo(new OutcomeProblem("no-stored-outcome",
                "no stored legacy outcome for the original intent " + unknown.id()
                        + ": not processed here, or purged after 14d"));
        assertThat(statuses(replayed)).isEmpty();
        assertThat(answeredFromStore("false")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void decidesANoiseReplayAgainWithItsSideEffectsSuppressed() throws Exception {
        CloudEvent original = Notes.intent();
        send(original);
        CloudEvent first = outcomesOf(original, 1).get(0);
        CloudEvent noise = original.replayedAs(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "noise-1",
                ReplayKind.NOISE, Instant.now());

        send(noise);

        CloudEvent answer = outcomesOf(noise, 1).get(0);
        assertThat(DECIDED).contains(noise.id());
        assertThat(answer.id()).isEqualTo(Participant.outcomeId(noise.id(), Side.LEGACY, Notes.NOTE_FILED));
        assertThat(answer.replayKindOrDefault()).isEqualTo(ReplayKind.NOISE);
        assertThat(answer.data()).isEqualTo(first.data());
        assertThat(statuses(original)).containsExactly("DISPATCHED");
        assertThat(statuses(noise)).containsExactly("SUPPRESSED");
    }

    private double answeredFromStore(String found) {
        return meterRegistry.get("participant.replays.answered_from_store")
                .tags("context", Notes.CONTEXT, "side", "legacy", "found", found).counter().count();
    }

    private List<String> statuses(CloudEvent intent) {
        return jdbc.sql("SELECT status FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(String.class).list();
    }

    private void send(CloudEvent intent) throws Exception {
        producer.send(new ProducerRecord<>(INTENTS, intent.correlationId(), codec.write(intent))).get();
    }

    private List<CloudEvent> outcomesOf(CloudEvent intent, int count) {
        return recordsOf(intent, count).stream().map(record -> codec.read(record.value())).toList();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(CloudEvent intent, int count) {
        return await().atMost(PATIENCE).until(() -> {
            tail.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(record -> intent.correlationId().equals(record.key())).toList();
        }, records -> records.size() >= count);
    }

    /** A legacy-side participant that is nothing but its handler, and answers governed replays from the store. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class NotesAdapter {

        @Bean
        IntentHandler noteHandler(Participant participant) {
            return Notes.handler(participant, intent -> DECIDED.add(intent.id()));
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** The intent topic and its dead-letter topic, declared as their owner (the ingress) would. */
        @Bean
        KafkaAdmin.NewTopics notesTopicsOwnedByTheIngress() {
            return new KafkaAdmin.NewTopics(
                    TopicBuilder.name(INTENTS).partitions(3).replicas(1).build(),
                    TopicBuilder.name(Topics.deadLetter(INTENTS)).partitions(3).replicas(1).build());
        }
    }
}
