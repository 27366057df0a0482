package dev.parallelrun.adapter.shared.application;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.GatedSideEffect;
import dev.parallelrun.participant.IntentHandler;
import dev.parallelrun.participant.IntentProcessor;
import dev.parallelrun.participant.OutcomePublisher;
import dev.parallelrun.participant.ParticipantContexts;
import dev.parallelrun.participant.ParticipantMetrics;
import dev.parallelrun.participant.ParticipantProperties;
import dev.parallelrun.participant.ProcessedIntents;
import dev.parallelrun.participant.SideEffectGate;
import dev.parallelrun.participant.SideEffects;
import dev.parallelrun.participant.personaldata.PersonalDataDecryptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The participant kit's real processing around a legacy handler, with in-memory side effects and publisher: what a
 * handler test needs to test the adapter's whole behaviour for one intent type without Kafka or a database.
 */
public final class ParticipantKitHarness {

    public final EventCodec codec = EventCodec.standard();
    public final Participant participant = new Participant(Side.LEGACY, "urn:parallelrun:legacy-adapter", clock(), codec);
    public final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    public final List<GatedSideEffect> sideEffects = new ArrayList<>();
    public final RecordingPublisher publisher = new RecordingPublisher();
    private final ParticipantMetrics metrics;
    public final SideEffectGate gate;

    /** @param context the bounded context of the handler under test */
    public ParticipantKitHarness(String context) {
        metrics = new ParticipantMetrics(meterRegistry, new ParticipantContexts(List.of(context)), Side.LEGACY);
        gate = new SideEffectGate(Side.LEGACY, new SideEffects() {
            @Override
            public void record(GatedSideEffect sideEffect) {
                sideEffects.add(sideEffect);
            }

            @Override
            public List<GatedSideEffect> ofCorrelation(String correlationId) {
                return sideEffects;
            }
        }, clock(), codec, metrics);
    }

    /**
     * The kit's processing of intents for the handler, on the given processed-intent log, configured as the adapter is:
     * governed replays answered from the stored outcomes.
     */
    public IntentProcessor processor(IntentHandler handler, ProcessedIntents processed) {
        ParticipantProperties properties = new ParticipantProperties(Side.LEGACY,
                "urn:parallelrun:legacy-adapter", new ParticipantProperties.Consumer("legacy-adapter", 4),
                new ParticipantProperties.Retry(4, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2)),
                Duration.ofSeconds(10), new ParticipantProperties.Topics(3, (short) 1, 1),
                new ParticipantProperties.Retention(Duration.ofDays(14), Duration.ofDays(400), Duration.ofHours(1)),
                ParticipantProperties.Relay.DEFAULT, ParticipantProperties.DEFAULT_AUTHORITY_DEADLINE,
                new ParticipantProperties.Replays(true));
        return new IntentProcessor(properties, List.of(handler), processed, gate, publisher,
                TransactionOperations.withoutTransaction(), metrics, PersonalDataDecryptor.NONE, participant, clock());
    }

    private static Clock clock() {
        return Clock.fixed(Instant.parse("2026-11-02T09:15:31Z"), ZoneOffset.UTC);
    }

    /** The outcomes published, in order; can fail once like a broker that is down. */
    public static final class RecordingPublisher implements OutcomePublisher {
        public final List<CloudEvent> published = new ArrayList<>();
        public boolean failNext;

        @Override
        public void publish(List<CloudEvent> outcomes) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("broker unavailable");
            }
            published.addAll(outcomes);
        }
    }
}
