package dev.parallelrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-02T09:15:31Z"), ZoneOffset.UTC);
    private final Participant shadow = new Participant(Side.SHADOW, "urn:test:shadow", clock, EventCodec.standard());
    private final CloudEvent intent = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);

    @Test
    void buildsAnOutcomeWithEveryAttributeReconciliationNeeds() {
        CloudEvent outcome = shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED,
                new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.CLEAR, 12, List.of()));

        assertThat(outcome.correlationId()).isEqualTo(intent.correlationId());
        assertThat(outcome.causationId()).isEqualTo(intent.id());
        assertThat(outcome.boundedContext()).isEqualTo("claims");
        assertThat(outcome.side()).isEqualTo("shadow");
        assertThat(outcome.outcomeType()).isEqualTo("ClaimAssessed");
        assertThat(outcome.outcomeStatus()).isEqualTo("completed");
        assertThat(outcome.type()).isEqualTo("claims.ClaimAssessed.v1");
        assertThat(outcome.time()).isEqualTo(clock.instant());
        assertThat(EventCodec.standard().read(EventCodec.standard().write(outcome))).isEqualTo(outcome);
    }

    @Test
    void anOutcomeCarriesItsIntentsAuthorityReplayAndFallback() {
        CloudEvent stamped = intent.withAuthority(Side.SHADOW, "decision-7");
        CloudEvent outcome = shadow.completed(stamped.asReplay("replay-1"), ClaimsContract.CLAIM_ASSESSED,
                new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.CLEAR, 12, List.of()));

        assertThat(outcome.authoritySide()).isEqualTo(Side.SHADOW);
        assertThat(outcome.authorityDecision()).isEqualTo("decision-7");
        assertThat(outcome.isReplay()).isTrue();
        assertThat(outcome.replayId()).isEqualTo("replay-1");
        assertThat(outcome.isFallback()).isFalse();

        CloudEvent fallback = stamped.asFallback("fallback-1", clock.instant());
        assertThat(fallback.id()).isEqualTo("fallback-1");
        assertThat(fallback.causationId()).isEqualTo(intent.id());
        assertThat(fallback.correlationId()).isEqualTo(intent.correlationId());
        assertThat(fallback.authoritySide()).isEqualTo(Side.LEGACY);
        assertThat(fallback.authorityDecision()).isEqualTo("decision-7");
        assertThat(new Participant(Side.LEGACY, "urn:test:legacy", clock, EventCodec.standard())
                .failed(fallback, ClaimsContract.PAYMENT_DECIDED, "timeout", "x").isFallback()).isTrue();
        assertThat(EventCodec.standard().read(EventCodec.standard().write(fallback))).isEqualTo(fallback);
    }

    @Test
    void givesTheSameOutcomeIdWhenAnIntentIsProcessedTwice() {
        CloudEvent first = shadow.failed(intent, ClaimsContract.PAYMENT_DECIDED, "timeout", "x");
        CloudEvent second = shadow.failed(intent, ClaimsContract.PAYMENT_DECIDED, "timeout", "x");

        assertThat(first.id()).isEqualTo(second.id());
        assertThat(first.id()).isNotEqualTo(Participant.outcomeId(intent.id(), Side.LEGACY, ClaimsContract.PAYMENT_DECIDED));
    }

    @Test
    void keysTheRecordByCorrelationIdOnItsSidesTopic() {
        var record = shadow.record(shadow.rejected(intent, ClaimsContract.CLAIM_ASSESSED, "invalid", "no policy"));

        assertThat(record.topic()).isEqualTo("outcomes.shadow.v1");
        assertThat(record.key()).isEqualTo(intent.correlationId());
        assertThat(record.value().status()).isEqualTo(OutcomeStatus.REJECTED);
    }

    @Test
    void readsTheIntentItExpects() {
        ClaimSubmitted claim = shadow.readIntent(intent, ClaimsContract.CLAIM_SUBMITTED, ClaimSubmitted.class);

        assertThat(claim.claimId()).isEqualTo("CLM-1001");
        assertThat(claim.claimant().email()).isEqualTo("erika@example.org");
    }

    @Test
    void refusesAnIntentOfAnotherType() {
        CloudEvent other = GoldenEvents.event(GoldenEvents.CLAIM_ASSESSED_LEGACY);

        assertThatThrownBy(() -> shadow.readIntent(other, ClaimsContract.CLAIM_SUBMITTED, ClaimSubmitted.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected an intent of type claims.ClaimSubmitted.v1");
    }

    @Test
    void refusesAnIntentOfItsTypeFromAnotherContextOrWithoutData() {
        CloudEvent elsewhere = CloudEvent.intent(intent.id(), intent.type(), intent.source(), intent.time(),
                intent.correlationId(), "billing", intent.data());
        CloudEvent empty = CloudEvent.intent(intent.id(), intent.type(), intent.source(), intent.time(),
                intent.correlationId(), intent.boundedContext(), null);

        assertThatThrownBy(() -> shadow.readIntent(elsewhere, ClaimsContract.CLAIM_SUBMITTED, ClaimSubmitted.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("expected boundedcontext claims but got billing");
        assertThatThrownBy(() -> shadow.readIntent(empty, ClaimsContract.CLAIM_SUBMITTED, ClaimSubmitted.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data is not a valid ClaimSubmitted");
    }
}
