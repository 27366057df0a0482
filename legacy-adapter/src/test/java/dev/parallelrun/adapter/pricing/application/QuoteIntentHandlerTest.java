package dev.parallelrun.adapter.pricing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.adapter.pricing.domain.LegacyQuoteCallResult;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteRequest;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteResponse;
import dev.parallelrun.adapter.shared.application.ParticipantKitHarness;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.events.pricing.PricingContract;
import dev.parallelrun.participant.GatedSideEffect;
import dev.parallelrun.participant.IntentProcessor;
import dev.parallelrun.participant.ProcessedIntents;
import dev.parallelrun.participant.SideEffectStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The legacy quote handler inside the participant kit's processing, with in-memory ports. */
class QuoteIntentHandlerTest {

    private final ParticipantKitHarness kit = new ParticipantKitHarness(PricingContract.CONTEXT);
    private final EventCodec codec = kit.codec;
    private final ScriptedLegacy legacy = new ScriptedLegacy();
    private final InMemoryProcessedIntents processed = new InMemoryProcessedIntents();
    private final List<CloudEvent> published = kit.publisher.published;
    private final IntentProcessor processor = kit.processor(
            new QuoteIntentHandler(kit.participant, legacy, kit.gate, kit.meterRegistry), processed);

    private final CloudEvent intent = GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED);

    @Test
    void publishesTheCompletedPremiumQuotedOfAQuoteLegacyPriced() {
        legacy.answers(quoted());

        processor.process(intent);

        assertThat(legacy.requests).singleElement().satisfies(request -> {
            assertThat(request.reqKey()).isEqualTo(intent.id());
            assertThat(request.quoteNo()).isEqualTo("QTE-1001");
            assertThat(request.opts()).isEqualTo("GLASTHEFROADEDOC");
        });
        CloudEvent outcome = published.get(0);
        assertThat(published).hasSize(1);
        assertThat(outcome.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.LEGACY, PricingContract.PREMIUM_QUOTED));
        assertThat(outcome.type()).isEqualTo("pricing.PremiumQuoted.v1");
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(outcome.outcomeSide()).isEqualTo(Side.LEGACY);
        assertThat(outcome.correlationId()).isEqualTo(intent.correlationId());
        assertThat(outcome.causationId()).isEqualTo(intent.id());
        assertThat(codec.data(outcome.data(), PremiumQuoted.class)).isEqualTo(new PremiumQuoted("QTE-1001",
                "QR3F9A0C12B7E4", new BigDecimal("633.04"), new BigDecimal("531.96"), "DE-IPT-19", new BigDecimal("101.08"), "EUR",
                List.of("MULTI_PRODUCT", "ONLINE"), Set.of("MULT", "WEB2")));
        assertThat(processed.stored.get(intent.id())).isEqualTo(published);
        assertThat(kit.meterRegistry.get("legacy.adapter.outcomes").tags("context", "pricing", "status", "completed")
                .counter().count()).isOne();
    }

    @Test
    void republishesTheStoredOutcomeOfARedeliveredIntentWithoutCallingLegacyAgain() {
        legacy.answers(quoted());
        processor.process(intent);

        processor.process(intent);

        assertThat(legacy.requests).hasSize(1);
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).isEqualTo(published.get(0));
    }

    @Test
    void rejectsTheQuoteWithTheReasonOnlyTheMessageOfADeclineTells() {
        legacy.answers(new LegacyQuoteResponse("QTE-1001", "E7", "QR0B1C2D3E4F50", "EUR", "0.00", "0.00", "0.00", "",
                "", " ".repeat(16), "LOB NOT OFFERED IN CTRY", List.of()));

        processor.process(intent);

        assertThat(published).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("not-offered", "LOB NOT OFFERED IN CTRY"));
        });
        assertThat(kit.sideEffects).isEmpty();
    }

    @Test
    void rejectsTheQuoteAsAnInvalidRequestWhenLegacyRefusesIt() {
        legacy.results.add(new LegacyQuoteCallResult.Refused("MISSING CUST_NM"));

        processor.process(intent);

        assertThat(published).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("invalid-request", "MISSING CUST_NM"));
        });
    }

    @Test
    void failsTheQuoteWhenLegacyCannotBeReached() {
        legacy.results.add(new LegacyQuoteCallResult.Unavailable(LegacyCallFailure.TIMEOUT,
                "no answer within PT2S after 3 attempts"));

        processor.process(intent);

        assertThat(published).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("legacy-timeout", "no answer within PT2S after 3 attempts"));
        });
        assertThat(processed.stored).containsKey(intent.id());
        assertThat(kit.meterRegistry.get("legacy.adapter.outcomes").tags("context", "pricing", "status", "failed",
                "reason", "legacy-timeout").counter().count()).isOne();
    }

    @Test
    void rejectsAnOptionWithoutALegacyCodeWithoutCallingLegacy() {
        ObjectNode data = (ObjectNode) intent.data().deepCopy();
        data.putArray("requestedOptions").add("glass").add("jet-ski");

        processor.process(withData(data));

        assertThat(legacy.requests).isEmpty();
        assertThat(published).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class).reason()).isEqualTo("invalid-request");
        });
    }

    @Test
    void refusesAnEventThatIsNotAQuoteIntentAsPoison() {
        CloudEvent claim = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);

        assertThatThrownBy(() -> processor.process(claim))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("pricing.QuoteRequested.v1");
        assertThat(legacy.requests).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void refusesAnIntentOfAnotherBoundedContextAsPoison() {
        CloudEvent foreign = CloudEvent.intent(intent.id(), intent.type(), intent.source(), intent.time(),
                intent.correlationId(), "claims", intent.data());

        assertThatThrownBy(() -> processor.process(foreign))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("boundedcontext");
        assertThat(legacy.requests).isEmpty();
    }

    @Test
    void reportsTheQuotePricedInLegacyToTheGateAsARealSideEffectWhileLegacyIsAuthoritative() {
        legacy.answers(quoted());

        processor.process(intent);

        assertThat(kit.sideEffects).singleElement().satisfies(quote -> {
            assertThat(quote.type()).isEqualTo(QuoteIntentHandler.LEGACY_QUOTE);
            assertThat(quote.status()).isEqualTo(SideEffectStatus.DISPATCHED);
            assertThat(quote.payload().get("quoteId").asString()).isEqualTo("QTE-1001");
            assertThat(quote.payload().get("legacyRequestKey").asString()).isEqualTo(intent.id());
        });
    }

    @Test
    void pricesTheQuoteInLegacyForRealWhereLegacyIsAuthoritativeOrNoDecisionWasStamped() {
        legacy.answers(quoted());
        legacy.answers(quoted());
        CloudEvent stamped = intent.withAuthority(Side.LEGACY, "decision-1");

        processor.process(intent);
        processor.process(withId(stamped, "another-intent"));

        assertThat(legacy.modes).containsExactly(LegacyMode.POST, LegacyMode.POST);
        assertThat(kit.sideEffects).extracting(GatedSideEffect::status)
                .containsExactly(SideEffectStatus.DISPATCHED, SideEffectStatus.DISPATCHED);
    }

    @Test
    void asksLegacyToSimulateTheQuoteWhereTheShadowSideIsAuthoritativeOrForANoiseReplay() {
        legacy.answers(quoted());
        legacy.answers(quoted());

        processor.process(intent.withAuthority(Side.SHADOW, "decision-1"));
        processor.process(intent.replayedAs("replayed-intent", "noise-correlation", "noise-1", ReplayKind.NOISE,
                Instant.parse("2026-11-02T10:00:00Z")));

        assertThat(legacy.modes).containsExactly(LegacyMode.SIMULATE, LegacyMode.SIMULATE);
        assertThat(published).extracting(CloudEvent::status)
                .containsExactly(OutcomeStatus.COMPLETED, OutcomeStatus.COMPLETED);
        assertThat(kit.sideEffects).extracting(GatedSideEffect::status)
                .containsExactly(SideEffectStatus.SUPPRESSED, SideEffectStatus.SUPPRESSED);
    }

    @Test
    void pricesAFallbackIntentForRealUnderItsOwnRequestKey() {
        CloudEvent fallback = intent.withAuthority(Side.SHADOW, "decision-1")
                .asFallback("fallback-of-" + intent.id(), Instant.parse("2026-11-02T09:20:00Z"));
        legacy.answers(quoted());

        processor.process(fallback);

        assertThat(legacy.modes).containsExactly(LegacyMode.POST);
        assertThat(legacy.requests).extracting(LegacyQuoteRequest::reqKey).containsExactly(fallback.id());
        assertThat(kit.sideEffects).extracting(GatedSideEffect::status).containsExactly(SideEffectStatus.DISPATCHED);
    }

    private static CloudEvent withId(CloudEvent event, String id) {
        CloudEvent copy = CloudEvent.intent(id, event.type(), event.source(), event.time(), event.correlationId(),
                event.boundedContext(), event.data());
        return event.authoritySide() == null ? copy : copy.withAuthority(event.authoritySide(), "decision-1");
    }

    private CloudEvent withData(ObjectNode data) {
        return CloudEvent.intent(intent.id(), intent.type(), intent.source(), intent.time(), intent.correlationId(),
                intent.boundedContext(), data);
    }

    /** The legacy README's answer to the golden request. */
    private static LegacyQuoteResponse quoted() {
        return new LegacyQuoteResponse("QTE-1001", "Q1", "QR3F9A0C12B7E4", "EUR", "531.96", "101.08", "633.04",
                "DE1900", "0203", "MULTWEB2        ", "", List.of(
                        new LegacyQuoteResponse.Line("BASE", "435.00", "413.25", "78.52"),
                        new LegacyQuoteResponse.Line("GLAS", "34.80", "33.06", "6.28"),
                        new LegacyQuoteResponse.Line("THEF", "65.25", "61.99", "11.78"),
                        new LegacyQuoteResponse.Line("ROAD", "24.90", "23.66", "4.50")));
    }

    private static final class ScriptedLegacy implements LegacyPricingSystem {
        private final List<LegacyQuoteRequest> requests = new ArrayList<>();
        private final List<LegacyMode> modes = new ArrayList<>();
        private final Deque<LegacyQuoteCallResult> results = new ArrayDeque<>();

        void answers(LegacyQuoteResponse response) {
            results.add(new LegacyQuoteCallResult.Answered(response));
        }

        @Override
        public LegacyQuoteCallResult quote(LegacyQuoteRequest request, LegacyMode mode) {
            requests.add(request);
            modes.add(mode);
            return results.remove();
        }
    }

    private static final class InMemoryProcessedIntents implements ProcessedIntents {
        private final Map<String, List<CloudEvent>> stored = new HashMap<>();

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
