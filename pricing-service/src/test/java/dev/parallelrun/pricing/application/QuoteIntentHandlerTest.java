package dev.parallelrun.pricing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.participant.IntentHandler.Decision;
import dev.parallelrun.participant.SideEffectRequest;
import dev.parallelrun.pricing.PricingIntents;
import dev.parallelrun.pricing.domain.PremiumCalculator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteIntentHandlerTest {

    /** The new service's own reference: {@code PQ-} and a random UUID. */
    private static final String QUOTE_REFERENCE = "PQ-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final EventCodec codec = EventCodec.standard();
    private final Participant participant = new Participant(Side.SHADOW, "urn:parallelrun:pricing-service",
            Clock.fixed(Instant.parse("2026-11-02T10:20:30.789Z"), ZoneOffset.UTC), codec);
    private final QuoteIntentHandler handler = new QuoteIntentHandler(participant, new PremiumCalculator());

    @Test
    void quotesTheGoldenIntentAsTheGoldenShadowOutcomePlusTheEdocPromotion() {
        CloudEvent intent = GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED);
        CloudEvent golden = GoldenEvents.event(GoldenEvents.PREMIUM_QUOTED_SHADOW);

        Decision decision = handler.handle(intent);

        assertThat(decision.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.SHADOW, "PremiumQuoted"));
            assertThat(outcome.type()).isEqualTo(golden.type());
            assertThat(outcome.source()).isEqualTo(golden.source());
            assertThat(outcome.correlationId()).isEqualTo(golden.correlationId());
            assertThat(outcome.causationId()).isEqualTo(golden.causationId());
            assertThat(outcome.boundedContext()).isEqualTo("pricing");
            assertThat(outcome.outcomeSide()).isEqualTo(Side.SHADOW);
            assertThat(outcome.outcomeType()).isEqualTo("PremiumQuoted");
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.COMPLETED);
            PremiumQuoted expected = codec.data(golden.data(), PremiumQuoted.class);
            Set<String> withEdoc = new TreeSet<>(expected.promotions());
            withEdoc.add("EDOC");
            PremiumQuoted quoted = codec.data(outcome.data(), PremiumQuoted.class);
            assertThat(quoted.quoteReference()).matches(QUOTE_REFERENCE);
            assertThat(quoted).isEqualTo(new PremiumQuoted(expected.quoteId(), quoted.quoteReference(),
                    expected.grossPremium(), expected.netPremium(), expected.taxBasis(), expected.taxAmount(),
                    expected.currency(), expected.discountReasons(), withEdoc));
        });
    }

    @Test
    void asksToSendTheQuoteDocumentWithoutPersonalData() {
        Decision decision = handler.handle(GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED));

        assertThat(decision.sideEffects()).singleElement().satisfies(request -> {
            assertThat(request.type()).isEqualTo("QUOTE_LETTER");
            assertThat(request.payload()).isEqualTo(new SideEffectPayloads.QuoteLetter("QTE-1001", "premium-quote",
                    new BigDecimal("633.03"), new BigDecimal("531.96"), new BigDecimal("101.07"), "EUR"));
            assertThat(codec.tree(request.payload()).toString()).doesNotContain("Erika", "erika@example.org");
        });
    }

    @Test
    void refersAQuoteAboveTheReferralLimitAndCompletesIt() {
        CloudEvent intent = PricingIntents.quote(data -> data.put("insuredSum", new BigDecimal("1500000.00")));

        Decision decision = handler.handle(intent);

        assertThat(decision.outcomes().get(0).status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(decision.sideEffects()).extracting(SideEffectRequest::type).containsExactly("UNDERWRITER_REFERRAL");
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "home, DE, 3000000.01, uninsurable",
            "home, CH, 1000.00, not-offered",
            "boat, DE, 1000.00, invalid-request",
    })
    void rejectsWhatLegacyCallsE7OrRefusesWithTheReason(String productLine, String region, String insuredSum,
            String reason) {
        CloudEvent intent = PricingIntents.quote(data -> {
            data.put("productLine", productLine);
            data.put("region", region);
            data.put("insuredSum", new BigDecimal(insuredSum));
        });

        Decision decision = handler.handle(intent);

        assertThat(decision.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(outcome.outcomeType()).isEqualTo("PremiumQuoted");
            assertThat(codec.data(outcome.data(), OutcomeProblem.class).reason()).isEqualTo(reason);
        });
        assertThat(decision.sideEffects()).isEmpty();
    }

    @Test
    void rejectsAQuoteWithoutCustomerNameAsAnInvalidRequest() {
        Decision decision = handler.handle(PricingIntents.quote(data -> data.remove("customer")));

        assertThat(codec.data(decision.outcomes().get(0).data(), OutcomeProblem.class).reason())
                .isEqualTo("invalid-request");
    }

    @Test
    void refusesAnIntentOfAnotherTypeOrContextAsPoison() {
        CloudEvent golden = PricingIntents.golden();
        CloudEvent otherType = CloudEvent.intent(golden.id(), "pricing.QuoteWithdrawn.v1", golden.source(),
                golden.time(), golden.correlationId(), "pricing", golden.data());
        CloudEvent otherContext = CloudEvent.intent(golden.id(), golden.type(), golden.source(), golden.time(),
                golden.correlationId(), "claims", golden.data());

        assertThatThrownBy(() -> handler.handle(otherType)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected an intent of type pricing.QuoteRequested.v1");
        assertThatThrownBy(() -> handler.handle(otherContext)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected boundedcontext pricing");
    }

    @Test
    void decidesTheSameOutcomeIdForEveryDeliveryOfAnIntent() {
        CloudEvent intent = PricingIntents.golden();

        List<CloudEvent> first = handler.handle(intent).outcomes();
        List<CloudEvent> second = handler.handle(intent).outcomes();

        assertThat(second.get(0).id()).isEqualTo(first.get(0).id())
                .isEqualTo(Participant.outcomeId(intent.id(), Side.SHADOW, "PremiumQuoted"));
    }

    @Test
    void givesEveryPricingOfTheSameRequestItsOwnQuoteReferenceAndTheSamePremium() {
        CloudEvent intent = PricingIntents.golden();

        PremiumQuoted first = codec.data(handler.handle(intent).outcomes().get(0).data(), PremiumQuoted.class);
        PremiumQuoted second = codec.data(handler.handle(intent).outcomes().get(0).data(), PremiumQuoted.class);

        // the one field a noise run must find: the reference names the pricing, it decides nothing
        assertThat(first.quoteReference()).matches(QUOTE_REFERENCE);
        assertThat(second.quoteReference()).matches(QUOTE_REFERENCE).isNotEqualTo(first.quoteReference());
        assertThat(new PremiumQuoted(second.quoteId(), first.quoteReference(), second.grossPremium(),
                second.netPremium(), second.taxBasis(), second.taxAmount(), second.currency(), second.discountReasons(),
                second.promotions())).isEqualTo(first);
    }
}
