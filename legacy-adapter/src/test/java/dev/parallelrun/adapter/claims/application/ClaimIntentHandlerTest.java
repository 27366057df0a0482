package dev.parallelrun.adapter.claims.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.claims.domain.LegacyClaimRequest;
import dev.parallelrun.adapter.claims.domain.LegacyClaimResponse;
import dev.parallelrun.adapter.shared.application.ParticipantKitHarness;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.GatedSideEffect;
import dev.parallelrun.participant.IntentProcessor;
import dev.parallelrun.participant.ProcessedIntents;
import dev.parallelrun.participant.SideEffectGate;
import dev.parallelrun.participant.SideEffectStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The legacy handler inside the participant kit's processing, with in-memory ports: the adapter's whole behaviour. */
class ClaimIntentHandlerTest {

    private final ParticipantKitHarness kit = new ParticipantKitHarness(ClaimsContract.CONTEXT);
    private final EventCodec codec = kit.codec;
    private final Participant participant = kit.participant;
    private final ScriptedLegacy legacy = new ScriptedLegacy();
    private final InMemoryProcessedIntents processed = new InMemoryProcessedIntents();
    private final ParticipantKitHarness.RecordingPublisher publisher = kit.publisher;
    private final SimpleMeterRegistry meterRegistry = kit.meterRegistry;
    private final List<GatedSideEffect> sideEffects = kit.sideEffects;
    private final SideEffectGate gate = kit.gate;
    private final ClaimIntentHandler handler = new ClaimIntentHandler(participant, legacy, processed, gate,
            meterRegistry);
    private final IntentProcessor processor = processor(handler);

    private final CloudEvent intent = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);

    @Test
    void publishesBothCompletedOutcomesOfALegacyDecision() {
        legacy.answers(approved());

        processor.process(intent);

        assertThat(legacy.requests).extracting(LegacyClaimRequest::reqKey).containsExactly(intent.id());
        assertThat(publisher.published).hasSize(2);
        CloudEvent assessed = publisher.published.get(0);
        CloudEvent payment = publisher.published.get(1);
        assertThat(assessed.outcomeType()).isEqualTo(ClaimsContract.CLAIM_ASSESSED);
        assertThat(assessed.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(assessed.outcomeSide()).isEqualTo(Side.LEGACY);
        assertThat(assessed.correlationId()).isEqualTo(intent.correlationId());
        assertThat(assessed.causationId()).isEqualTo(intent.id());
        assertThat(assessed.source()).isEqualTo("urn:parallelrun:legacy-adapter");
        assertThat(assessed.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.LEGACY, ClaimsContract.CLAIM_ASSESSED));
        assertThat(codec.data(assessed.data(), ClaimAssessed.class).fraudDecision())
                .isEqualTo(ClaimAssessed.FraudDecision.CLEAR);
        assertThat(payment.outcomeType()).isEqualTo(ClaimsContract.PAYMENT_DECIDED);
        PaymentDecided decided = codec.data(payment.data(), PaymentDecided.class);
        assertThat(decided.decision()).isEqualTo(PaymentDecided.Decision.APPROVED);
        assertThat(decided.paymentAmount()).isEqualTo(new BigDecimal("976.10"));
        assertThat(decided.currency()).isEqualTo("EUR");
        assertThat(processed.stored.get(intent.id())).isEqualTo(publisher.published);
        assertThat(meterRegistry.get("legacy.adapter.outcomes").tag("status", "completed").counter().count()).isOne();
    }

    @Test
    void recordsTheAttemptWithItsRequestKeyBeforeCallingLegacy() {
        List<List<String>> recordedWhenCalled = new ArrayList<>();
        LegacyClaimsSystem observing = (request, mode) -> {
            recordedWhenCalled.add(List.copyOf(processed.attempts));
            return legacy.process(request, mode);
        };
        IntentProcessor observed = processor(new ClaimIntentHandler(participant, observing, processed, gate,
                meterRegistry));
        legacy.answers(approved());

        observed.process(intent);

        assertThat(recordedWhenCalled).containsExactly(List.of(intent.id()));
        assertThat(processed.requestKeys).containsEntry(intent.id(), intent.id());
    }

    @Test
    void callsLegacyAgainWithTheRecordedRequestKeyWhenItCrashedBetweenTheCallAndTheStoredOutcomes() {
        legacy.answers(approved());
        legacy.answers(approved());
        processed.crashBeforeNextStore = true;

        assertThatThrownBy(() -> processor.process(intent)).hasMessage("crashed after the legacy call");
        processor.process(intent);

        assertThat(legacy.requests).extracting(LegacyClaimRequest::reqKey).containsExactly(intent.id(), intent.id());
        assertThat(processed.attempts).containsExactly(intent.id(), intent.id());
        assertThat(publisher.published).hasSize(2).isEqualTo(processed.stored.get(intent.id()));
    }

    @Test
    void republishesTheStoredOutcomesOfARedeliveredIntentWithoutCallingLegacyAgain() {
        legacy.answers(approved());
        processor.process(intent);
        List<CloudEvent> first = List.copyOf(publisher.published);

        processor.process(intent);

        assertThat(legacy.requests).hasSize(1);
        assertThat(publisher.published).hasSize(4);
        assertThat(publisher.published.subList(2, 4)).isEqualTo(first);
        assertThat(meterRegistry.get("participant.intents").tags("side", "legacy", "result", "duplicate").counter().count()).isOne();
    }

    @Test
    void keepsTheOutcomesSoThatARedeliveryPublishesThemWhenPublishingFailed() {
        legacy.answers(approved());
        publisher.failNext = true;

        assertThatThrownBy(() -> processor.process(intent)).isInstanceOf(IllegalStateException.class);
        processor.process(intent);

        assertThat(legacy.requests).hasSize(1);
        assertThat(publisher.published).hasSize(2).isEqualTo(processed.stored.get(intent.id()));
    }

    @Test
    void publishesTheFirstWritersOutcomesWhenAnotherDeliveryStoredFirst() {
        legacy.answers(approved());
        CloudEvent earlierFailure = participant.failed(intent, ClaimsContract.CLAIM_ASSESSED, "legacy-timeout", "x");
        processed.concurrentWinner = List.of(earlierFailure);

        processor.process(intent);

        assertThat(publisher.published).containsExactly(earlierFailure);
    }

    @Test
    void rejectsBothOutcomesWhenLegacyRefusesTheClaim() {
        legacy.answers(new LegacyClaimResponse("CLM-1001", "09", "", "0", "", "0.00", "0.00", "UNKNOWN POLICY POL-000",
                List.of()));

        processor.process(intent);

        assertThat(publisher.published).extracting(CloudEvent::outcomeType)
                .containsExactly(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED);
        assertThat(publisher.published).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("unknown-policy", "UNKNOWN POLICY POL-000"));
        });
    }

    @Test
    void failsBothOutcomesWhenLegacyCannotBeReached() {
        legacy.fails(new LegacyCallResult.Unavailable(LegacyCallFailure.TIMEOUT,
                "no answer within PT2S after 3 attempts"));

        processor.process(intent);

        assertThat(publisher.published).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("legacy-timeout", "no answer within PT2S after 3 attempts"));
        });
        assertThat(processed.stored).containsKey(intent.id());
        assertThat(meterRegistry.get("legacy.adapter.outcomes").tag("status", "failed")
                .tag("reason", "legacy-timeout").counter().count()).isOne();
    }

    @Test
    void rejectsAnAmountTheLegacyFormatCannotHoldWithoutCallingLegacy() {
        ObjectNode data = ((ObjectNode) intent.data().deepCopy()).put("claimedAmount", new BigDecimal("10.005"));

        processor.process(withData(data));

        assertThat(legacy.requests).isEmpty();
        assertThat(publisher.published).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class).reason()).isEqualTo("invalid-claim");
        });
    }

    @Test
    void refusesAnEventThatIsNotAClaimIntentAsPoison() {
        CloudEvent notAnIntent = GoldenEvents.event(GoldenEvents.CLAIM_ASSESSED_LEGACY);

        assertThatThrownBy(() -> processor.process(notAnIntent))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected an intent of type claims.ClaimSubmitted.v1");
        assertThat(legacy.requests).isEmpty();
        assertThat(processed.attempts).isEmpty();
        assertThat(processed.stored).isEmpty();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void refusesUndecodableDataAsPoison() {
        ObjectNode data = ((ObjectNode) intent.data().deepCopy()).put("incidentDate", "yesterday");

        assertThatThrownBy(() -> processor.process(withData(data))).isInstanceOf(MalformedEventException.class);
        assertThat(legacy.requests).isEmpty();
    }

    @Test
    void refusesAnIntentOfAnotherBoundedContextAsPoison() {
        CloudEvent foreign = CloudEvent.intent(intent.id(), intent.type(), intent.source(), intent.time(),
                intent.correlationId(), "payments", intent.data());

        assertThatThrownBy(() -> processor.process(foreign))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("boundedcontext");
    }

    @Test
    void reportsTheBookingInLegacyToTheGateAsARealSideEffectWhileLegacyIsAuthoritative() {
        legacy.answers(approved());

        processor.process(intent);

        assertThat(sideEffects).singleElement().satisfies(booking -> {
            assertThat(booking.type()).isEqualTo(ClaimIntentHandler.LEGACY_BOOKING);
            assertThat(booking.status()).isEqualTo(SideEffectStatus.DISPATCHED);
            assertThat(booking.payload().get("legacyRequestKey").asString()).isEqualTo(intent.id());
        });
        assertThat(meterRegistry.get("participant.side_effects").tags("side", "legacy", "status", "dispatched")
                .counter().count()).isOne();
    }

    @Test
    void postsTheClaimInLegacyForRealForAnIntentAcceptedBeforeAnyAuthorityDecision() {
        legacy.answers(approved());

        processor.process(intent);

        assertThat(legacy.modes).containsExactly(LegacyMode.POST);
    }

    @Test
    void postsTheClaimInLegacyForRealWhereLegacyIsAuthoritative() {
        legacy.answers(approved());

        processor.process(intent.withAuthority(Side.LEGACY, "decision-1"));

        assertThat(legacy.modes).containsExactly(LegacyMode.POST);
        assertThat(sideEffects).extracting(GatedSideEffect::status).containsExactly(SideEffectStatus.DISPATCHED);
    }

    @Test
    void asksLegacyToSimulateWhereTheShadowSideIsAuthoritativeAndStillPublishesItsDecision() {
        legacy.answers(approved());

        processor.process(intent.withAuthority(Side.SHADOW, "decision-1"));

        assertThat(legacy.modes).containsExactly(LegacyMode.SIMULATE);
        assertThat(legacy.requests).extracting(LegacyClaimRequest::reqKey).containsExactly(intent.id());
        assertThat(publisher.published).extracting(CloudEvent::status)
                .containsExactly(OutcomeStatus.COMPLETED, OutcomeStatus.COMPLETED);
        assertThat(sideEffects).extracting(GatedSideEffect::status).containsExactly(SideEffectStatus.SUPPRESSED);
    }

    @Test
    void asksLegacyToSimulateANoiseReplayEvenWhereLegacyIsAuthoritative() {
        legacy.answers(approved());

        processor.process(intent.withAuthority(Side.LEGACY, "decision-1").replayedAs("noise-intent",
                "noise-correlation", "noise-1", ReplayKind.NOISE, Instant.parse("2026-11-02T10:00:00Z")));

        assertThat(legacy.modes).containsExactly(LegacyMode.SIMULATE);
        assertThat(sideEffects).extracting(GatedSideEffect::status).containsExactly(SideEffectStatus.SUPPRESSED);
    }

    @Test
    void answersAGovernedReplayWithTheStoredLegacyOutcomesWithoutAskingLegacyAgain() {
        legacy.answers(approved());
        processor.process(intent);
        List<CloudEvent> original = List.copyOf(publisher.published);
        CloudEvent replayed = intent.replayedAs("replayed-intent", "replay-correlation", "replay-1", ReplayKind.REPLAY,
                Instant.parse("2026-11-02T10:00:00Z"));

        processor.process(replayed);

        assertThat(legacy.requests).hasSize(1);
        assertThat(sideEffects).hasSize(1);
        assertThat(publisher.published).hasSize(4);
        assertThat(publisher.published.subList(2, 4)).zipSatisfy(original, (answer, stored) -> {
            assertThat(answer.id()).isEqualTo(Participant.outcomeId("replayed-intent", Side.LEGACY, stored.outcomeType()));
            assertThat(answer.correlationId()).isEqualTo("replay-correlation");
            assertThat(answer.causationId()).isEqualTo("replayed-intent");
            assertThat(answer.replayId()).isEqualTo("replay-1");
            assertThat(answer.outcomeType()).isEqualTo(stored.outcomeType());
            assertThat(answer.status()).isEqualTo(stored.status());
            assertThat(answer.data()).isEqualTo(stored.data());
        });
    }

    @Test
    void postsAFallbackIntentForRealUnderItsOwnRequestKey() {
        CloudEvent original = intent.withAuthority(Side.SHADOW, "decision-1");
        CloudEvent fallback = original.asFallback("fallback-of-" + original.id(), Instant.parse("2026-11-02T09:20:00Z"));
        legacy.answers(approved());
        legacy.answers(approved());

        processor.process(original);
        processor.process(fallback);

        assertThat(legacy.modes).containsExactly(LegacyMode.SIMULATE, LegacyMode.POST);
        assertThat(legacy.requests).extracting(LegacyClaimRequest::reqKey)
                .containsExactly(original.id(), fallback.id());
        assertThat(sideEffects).extracting(GatedSideEffect::intentEventId, GatedSideEffect::status).containsExactly(
                tuple(original.id(), SideEffectStatus.SUPPRESSED), tuple(fallback.id(), SideEffectStatus.DISPATCHED));
        assertThat(publisher.published.subList(2, 4)).allSatisfy(outcome -> assertThat(outcome.isFallback()).isTrue());
    }

    @Test
    void processesAnIntentOutsideTheSampleLikeAnyOther() {
        legacy.answers(approved());

        processor.process(intent.withSampled(false));

        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void reportsNoBookingForAClaimLegacyRefused() {
        legacy.answers(new LegacyClaimResponse("CLM-1001", "09", "", "0", "", "0.00", "0.00", "UNKNOWN POLICY POL-000",
                List.of()));

        processor.process(intent);

        assertThat(sideEffects).isEmpty();
    }

    private IntentProcessor processor(ClaimIntentHandler claimIntentHandler) {
        return kit.processor(claimIntentHandler, processed);
    }

    private CloudEvent withData(ObjectNode data) {
        return CloudEvent.intent(intent.id(), intent.type(), intent.source(), intent.time(), intent.correlationId(),
                intent.boundedContext(), data);
    }

    private static LegacyClaimResponse approved() {
        return new LegacyClaimResponse("CLM-1001", "00", "N", "10", "", "976.10", "1358.02", "", List.of(
                new LegacyClaimResponse.LedgerLine("5100", "D", "976.10"),
                new LegacyClaimResponse.LedgerLine("2100", "C", "976.10"),
                new LegacyClaimResponse.LedgerLine("1800", "D", "1358.02"),
                new LegacyClaimResponse.LedgerLine("2900", "C", "1358.02")));
    }

    private static final class ScriptedLegacy implements LegacyClaimsSystem {
        private final List<LegacyClaimRequest> requests = new ArrayList<>();
        private final List<LegacyMode> modes = new ArrayList<>();
        private final Deque<LegacyCallResult> results = new ArrayDeque<>();

        void answers(LegacyClaimResponse response) {
            results.add(new LegacyCallResult.Answered(response));
        }

        void fails(LegacyCallResult.Unavailable unavailable) {
            results.add(unavailable);
        }

        @Override
        public LegacyCallResult process(LegacyClaimRequest request, LegacyMode mode) {
            requests.add(request);
            modes.add(mode);

            return results.remove();
        }
    }

    private static final class InMemoryProcessedIntents implements ProcessedIntents, LegacyAttempts {
        private final Map<String, List<CloudEvent>> stored = new HashMap<>();
        private final Map<String, String> requestKeys = new HashMap<>();
        private final List<String> attempts = new ArrayList<>();
        private List<CloudEvent> concurrentWinner;
        private boolean crashBeforeNextStore;

        @Override
        public String recordAttempt(String intentEventId, String correlationId, String legacyRequestKey) {
            attempts.add(intentEventId);
            return requestKeys.computeIfAbsent(intentEventId, id -> legacyRequestKey);
        }

        @Override
        public Optional<List<CloudEvent>> outcomesOf(String intentEventId) {
            return Optional.ofNullable(stored.get(intentEventId));
        }

        @Override
        public boolean storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes) {
            if (crashBeforeNextStore) {
                crashBeforeNextStore = false;
                throw new IllegalStateException("crashed after the legacy call");
            }
            if (concurrentWinner != null) {
                stored.put(intentEventId, concurrentWinner);
            }
            return stored.putIfAbsent(intentEventId, List.copyOf(outcomes)) == null;
        }
    }
}
