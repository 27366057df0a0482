package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's one rule: real only where the intent names this side authoritative, never on a replay. */
class SideEffectGateTest {

    private final CloudEvent beforeAnyDecision = Notes.intent();
    private final CloudEvent legacyAuthoritative = Notes.intent().withAuthority(Side.LEGACY, "decision-1");
    private final CloudEvent shadowAuthoritative = Notes.intent().withAuthority(Side.SHADOW, "decision-2");

    @Test
    void treatsLegacyAsAuthoritativeBeforeTheContextsFirstAuthorityDecision() {
        assertThat(SideEffectGate.decide(Side.LEGACY, beforeAnyDecision)).isEqualTo(SideEffectStatus.DISPATCHED);
        assertThat(SideEffectGate.decide(Side.SHADOW, beforeAnyDecision)).isEqualTo(SideEffectStatus.SUPPRESSED);
    }

    @Test
    void dispatchesOnlyOnTheSideTheIntentNamesAuthoritative() {
        assertThat(SideEffectGate.decide(Side.LEGACY, legacyAuthoritative)).isEqualTo(SideEffectStatus.DISPATCHED);
        assertThat(SideEffectGate.decide(Side.SHADOW, legacyAuthoritative)).isEqualTo(SideEffectStatus.SUPPRESSED);
        assertThat(SideEffectGate.decide(Side.SHADOW, shadowAuthoritative)).isEqualTo(SideEffectStatus.DISPATCHED);
        assertThat(SideEffectGate.decide(Side.LEGACY, shadowAuthoritative)).isEqualTo(SideEffectStatus.SUPPRESSED);
    }

    @Test
    void neverDispatchesAReplayOnEitherSide() {
        for (CloudEvent original : List.of(beforeAnyDecision, legacyAuthoritative, shadowAuthoritative)) {
            CloudEvent replay = original.asReplay("replay-1");
            assertThat(SideEffectGate.decide(Side.LEGACY, replay)).isEqualTo(SideEffectStatus.SUPPRESSED);
            assertThat(SideEffectGate.decide(Side.SHADOW, replay)).isEqualTo(SideEffectStatus.SUPPRESSED);
        }
    }

    @Test
    void recordsEachRequestWithTheDecisionAStableIdAndCountsItBySideTypeAndStatus() {
        List<GatedSideEffect> recorded = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SideEffectGate gate = new SideEffectGate(Side.SHADOW, new SideEffects() {
            @Override
            public void record(GatedSideEffect sideEffect) {
                recorded.add(sideEffect);
            }

            @Override
            public List<GatedSideEffect> ofCorrelation(String correlationId) {
                return recorded;
            }
        }, Clock.fixed(Instant.parse("2026-11-02T09:15:31Z"), ZoneOffset.UTC), EventCodec.standard(),
                new ParticipantMetrics(registry, new ParticipantContexts(java.util.List.of(Notes.CONTEXT)), Side.SHADOW));

        gate.pass(shadowAuthoritative, List.of(new SideEffectRequest("PAY", Map.of("amount", 10))));
        gate.pass(beforeAnyDecision, List.of(new SideEffectRequest("PAY", Map.of("amount", 20))));

        assertThat(recorded).extracting(GatedSideEffect::status)
                .containsExactly(SideEffectStatus.DISPATCHED, SideEffectStatus.SUPPRESSED);
        assertThat(recorded.get(0).id()).isEqualTo(SideEffectGate.idOf(shadowAuthoritative.id(), "PAY"));
        assertThat(recorded.get(0).payload().get("amount").asInt()).isEqualTo(10);
        assertThat(registry.get("participant.side_effects").tags("side", "shadow", "type", "PAY", "status", "dispatched")
                .counter().count()).isOne();
        assertThat(registry.get("participant.side_effects").tags("side", "shadow", "type", "PAY", "status", "suppressed")
                .counter().count()).isOne();
    }

    @Test
    void theNewServiceActsOnItsAuthorityOnlyUntilTheDeadlineAfterTheIntentsAcceptance() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Instant accepted = shadowAuthoritative.time();
        SideEffectGate shadowOnTime = gateAt(Side.SHADOW, accepted.plusSeconds(15), registry);
        SideEffectGate shadowLate = gateAt(Side.SHADOW, accepted.plusSeconds(15).plusMillis(1), registry);
        SideEffectGate legacyLate = gateAt(Side.LEGACY, accepted.plusSeconds(60), registry);

        assertThat(shadowOnTime.asDecidable(shadowAuthoritative)).isSameAs(shadowAuthoritative);
        CloudEvent late = shadowLate.asDecidable(shadowAuthoritative);
        assertThat(late.authoritySide()).isEqualTo(Side.LEGACY);
        assertThat(late.authorityDecision()).isEqualTo("decision-2");
        assertThat(late.id()).isEqualTo(shadowAuthoritative.id());
        assertThat(shadowLate.decide(late)).isEqualTo(SideEffectStatus.SUPPRESSED);
        assertThat(registry.get("participant.authority.deadline.passed").tags("side", "shadow").counter().count())
                .isOne();
        // legacy's authority, an intent legacy is authoritative for, and a replay are never re-stamped
        assertThat(legacyLate.asDecidable(legacyAuthoritative)).isSameAs(legacyAuthoritative);
        assertThat(shadowLate.asDecidable(legacyAuthoritative)).isSameAs(legacyAuthoritative);
        CloudEvent replay = shadowAuthoritative.asReplay("replay-1");
        assertThat(shadowLate.asDecidable(replay)).isSameAs(replay);
    }

    private static SideEffectGate gateAt(Side side, Instant now, SimpleMeterRegistry registry) {
        return new SideEffectGate(side, new SideEffects() {
            @Override
            public void record(GatedSideEffect sideEffect) {
            }

            @Override
            public List<GatedSideEffect> ofCorrelation(String correlationId) {
                return List.of();
            }
        }, Clock.fixed(now, ZoneOffset.UTC), EventCodec.standard(),
                new ParticipantMetrics(registry, new ParticipantContexts(List.of(Notes.CONTEXT)), side),
                java.time.Duration.ofSeconds(15));
    }
}
