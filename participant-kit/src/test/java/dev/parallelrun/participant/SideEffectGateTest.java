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
                new ParticipantMetrics(registry, Notes.CONTEXT, Side.SHADOW));

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
}
