package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.participant.Participant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A made-up bounded context for the kit's tests, {@code notes}: a {@code NoteTaken} intent is filed as a
 * {@code NoteFiled} outcome with a {@code NOTE_FILED} side effect. Any participant's domain fits the same shape.
 */
final class Notes {

    static final String CONTEXT = "notes";
    static final IntentType NOTE_TAKEN = new IntentType("NoteTaken", CONTEXT, 1);
    static final String NOTE_FILED = "NoteFiled";
    static final String FILING = "NOTE_FILED";

    private static final EventCodec CODEC = EventCodec.standard();

    private Notes() {
    }

    record Note(String text) {
    }

    static CloudEvent intent() {
        return intent(UUID.randomUUID().toString());
    }

    /** An intent accepted just now: within the new service's authority deadline. */
    static CloudEvent freshIntent() {
        return CloudEvent.intent(UUID.randomUUID().toString(), NOTE_TAKEN.eventType(), "urn:parallelrun:test",
                Instant.now(), UUID.randomUUID().toString(), CONTEXT, CODEC.tree(new Note("call back")));
    }

    static CloudEvent intent(String correlationId) {
        return CloudEvent.intent(UUID.randomUUID().toString(), NOTE_TAKEN.eventType(), "urn:parallelrun:test",
                Instant.parse("2026-11-02T09:15:31Z"), correlationId, CONTEXT, CODEC.tree(new Note("call back")));
    }

    /** An event of the context that is not a {@code NoteTaken} intent. */
    static CloudEvent notAnIntent() {
        return CloudEvent.intent(UUID.randomUUID().toString(), "notes.NoteBurnt.v1", "urn:parallelrun:test",
                Instant.parse("2026-11-02T09:15:31Z"), UUID.randomUUID().toString(), CONTEXT,
                CODEC.tree(new Note("x")));
    }

    /** The handler of the notes context; {@code whileDeciding} runs inside each decision (the "legacy call"). */
    static IntentHandler handler(Participant participant, Consumer<CloudEvent> whileDeciding) {
        return new IntentHandler() {
            @Override
            public IntentType intentType() {
                return NOTE_TAKEN;
            }

            @Override
            public List<String> outcomeTypes() {
                return List.of(NOTE_FILED);
            }

            @Override
            public Decision handle(CloudEvent intent) {
                Note note = participant.readIntent(intent, NOTE_TAKEN, Note.class);
                whileDeciding.accept(intent);
                return new Decision(List.of(participant.completed(intent, NOTE_FILED, note)),
                        List.of(new SideEffectRequest(FILING, note)));
            }
        };
    }
}
