package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A fallback intent is legacy's to execute for real: the shadow side skips it, the legacy side decides it and its side
 * effects are dispatched.
 */
class IntentProcessorFallbackTest {

    private static final Instant ACCEPTED = Instant.parse("2026-11-02T09:15:30Z");
    private static final Clock DECIDED = Clock.fixed(ACCEPTED.plusMillis(1500), ZoneOffset.UTC);

    private final EventCodec codec = EventCodec.standard();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<CloudEvent> published = new CopyOnWriteArrayList<>();
    private final List<GatedSideEffect> sideEffects = new CopyOnWriteArrayList<>();
    private final Map<String, List<CloudEvent>> stored = new ConcurrentHashMap<>();

    @Test
    void theShadowSideSkipsAFallbackIntentWithoutAnOutcomeAndCountsIt() {
        CloudEvent fallback = intent().withAuthority(Side.SHADOW, "decision-1").asFallback("fallback-1", ACCEPTED);

        processor(Side.SHADOW).process(fallback);

        assertThat(published).isEmpty();
        assertThat(stored).isEmpty();
        assertThat(sideEffects).isEmpty();
        assertThat(registry.get("participant.intents").tags("side", "shadow", "result", "fallback").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void theLegacySideDecidesAFallbackIntentAndDispatchesItsSideEffects() {
        CloudEvent fallback = intent().withAuthority(Side.SHADOW, "decision-1").asFallback("fallback-1", ACCEPTED);

        processor(Side.LEGACY).process(fallback);

        assertThat(published).singleElement().satisfies(outcome -> assertThat(outcome.isFallback()).isTrue());
        assertThat(sideEffects).extracting(GatedSideEffect::status).containsExactly(SideEffectStatus.DISPATCHED);
    }

    private CloudEvent intent() {
        return CloudEvent.intent("event-" + System.nanoTime(), Notes.NOTE_TAKEN.eventType(), "urn:parallelrun:test",
                ACCEPTED, "correlation-" + System.nanoTime(), Notes.CONTEXT, codec.tree(new Notes.Note("call back")));
    }

    private IntentProcessor processor(Side side) {
        Participant participant = new Participant(side, "urn:parallelrun:test", DECIDED, codec);
        ParticipantMetrics metrics = new ParticipantMetrics(registry, new ParticipantContexts(List.of(Notes.CONTEXT)),
                side);
        SideEffectGate gate = new SideEffectGate(side, new SideEffects() {
            @Override
            public void record(GatedSideEffect sideEffect) {
                sideEffects.add(sideEffect);
            }

            @Override
            public List<GatedSideEffect> ofCorrelation(String correlationId) {
                return List.of();
            }
        }, DECIDED, codec, metrics);
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
        ParticipantProperties base = IntentListenerTest.properties();
        ParticipantProperties properties = new ParticipantProperties(side, base.source(), base.consumer(), base.retry(),
                base.publishTimeout(), base.topics(), base.retention());
        return new IntentProcessor(properties, List.of(Notes.handler(participant, intent -> {
        })), processed, gate, published::addAll, TransactionOperations.withoutTransaction(), metrics,
                dev.parallelrun.participant.personaldata.PersonalDataDecryptor.NONE);
    }
}
