package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.personal.EncryptedValue;
import dev.parallelrun.participant.personaldata.KeyServiceUnavailableException;
import dev.parallelrun.participant.personaldata.PersonalDataDecryptor;
import dev.parallelrun.participant.personaldata.SubjectKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The handler sees personal fields decrypted, or {@code [erased]} for an erased subject, and still decides; what the
 * kit stores and publishes is the handler's decision, never the decrypted intent.
 */
class IntentProcessorPersonalDataTest {

    private static final String ERIKA = "ds-0123456789abcdef0123456789abcdef";
    private static final IntentType NOTE_TAKEN = Notes.NOTE_TAKEN;

    private final EventCodec codec = EventCodec.standard();
    private final Participant participant = new Participant(Side.SHADOW, "urn:parallelrun:test", Clock.systemUTC(), codec);
    private final byte[] key = EncryptedValue.newKey();
    private volatile boolean erased;
    private volatile boolean keyServiceDown;
    private final List<String> authorsSeen = new CopyOnWriteArrayList<>();
    private final List<CloudEvent> published = new CopyOnWriteArrayList<>();
    private final Map<String, List<CloudEvent>> stored = new ConcurrentHashMap<>();

    record Note(String text, String author) {
    }

    record Filed(int length) {
    }

    @Test
    void handsTheHandlerTheDecryptedIntent() {
        processor().process(intent("Erika Mustermann"));

        assertThat(authorsSeen).containsExactly("Erika Mustermann");
        assertThat(published).singleElement().satisfies(outcome ->
                assertThat(codec.mapper().writeValueAsString(outcome)).doesNotContain("Erika"));
        assertThat(stored.values()).singleElement().satisfies(outcomes ->
                assertThat(codec.mapper().writeValueAsString(outcomes)).doesNotContain("Erika"));
    }

    @Test
    void handlesTheIntentOfAnErasedSubjectWithErasedValues() {
        erased = true;

        processor().process(intent("Erika Mustermann"));

        assertThat(authorsSeen).containsExactly(PersonalDataDecryptor.ERASED);
        assertThat(published).hasSize(1);
    }

    @Test
    void decidesNothingWhileTheKeyServiceIsDown() {
        keyServiceDown = true;

        assertThatThrownBy(() -> processor().process(intent("Erika Mustermann")))
                .isInstanceOf(KeyServiceUnavailableException.class)
                .satisfies(failure -> assertThat(DeadLetterReason.isInfrastructureFailure(failure)).isTrue());
        assertThat(authorsSeen).isEmpty();
        assertThat(stored).isEmpty();
    }

    private IntentProcessor processor() {
        IntentHandler handler = new IntentHandler() {
            @Override
            public IntentType intentType() {
                return NOTE_TAKEN;
            }

            @Override
            public Decision handle(CloudEvent intent) {
                Note note = participant.readIntent(intent, NOTE_TAKEN, Note.class);
                authorsSeen.add(note.author());
                // the decision depends on the note, not on who wrote it
                return new Decision(List.of(participant.completed(intent, Notes.NOTE_FILED,
                        new Filed(note.text().length()))), List.of());
            }
        };
        SubjectKeys keys = (subjectRef, generation) -> {
            if (keyServiceDown) {
                throw new KeyServiceUnavailableException("connection refused", null);
            }
            return erased ? Optional.empty() : Optional.of(key.clone());
        };
        ParticipantMetrics metrics = new ParticipantMetrics(new SimpleMeterRegistry(), new ParticipantContexts(List.of(Notes.CONTEXT)), Side.SHADOW);
        SideEffectGate gate = new SideEffectGate(Side.SHADOW, new SideEffects() {
            @Override
            public void record(GatedSideEffect sideEffect) {
            }

            @Override
            public List<GatedSideEffect> ofCorrelation(String correlationId) {
                return List.of();
            }
        }, Clock.systemUTC(), codec, metrics);
        ProcessedIntents processed = new ProcessedIntents() {
            @Override
            public Optional<List<CloudEvent>> outcomesOf(String intentEventId) {
                return Optional.ofNullable(stored.get(intentEventId));
            }

            @Override
            public boolean storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes) {
                return stored.putIfAbsent(intentEventId, List.copyOf(outcomes)) == null;
            }
        };
        return new IntentProcessor(IntentListenerTest.properties(), List.of(handler), processed, gate, published::addAll,
                TransactionOperations.withoutTransaction(), metrics, new PersonalDataDecryptor(keys));
    }

    private CloudEvent intent(String author) {
        String encrypted = EncryptedValue.encrypt(ERIKA, 1, key, author).wire();
        return CloudEvent.intent("event-" + System.nanoTime(), NOTE_TAKEN.eventType(), "urn:parallelrun:test",
                Instant.parse("2026-11-02T09:15:31Z"), "correlation-1", Notes.CONTEXT,
                codec.tree(new Note("call back", encrypted)));
    }
}
