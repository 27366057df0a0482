package dev.parallelrun.reconciliation.correlation.authoritative.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.reconciliation.correlation.authoritative.domain.OutcomeAuthority.Standing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutcomeAuthorityTest {

    private final CloudEvent intent = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
    private final Participant legacy = new Participant(Side.LEGACY, "urn:test:legacy", Clock.systemUTC(), EventCodec.standard());
    private final Participant shadow = new Participant(Side.SHADOW, "urn:test:shadow", Clock.systemUTC(), EventCodec.standard());

    @Test
    void legacyIsTheTruthWhenNoAuthorityIsStampedEvenWhenItFailed() {
        assertThat(OutcomeAuthority.standing(completed(legacy, intent))).isEqualTo(Standing.AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(failed(legacy, intent))).isEqualTo(Standing.AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(completed(shadow, intent))).isEqualTo(Standing.NOT_AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(failed(shadow, intent))).isEqualTo(Standing.NOT_AUTHORITATIVE);
    }

    @Test
    void theNewServiceIsTheTruthWhenAuthoritativeUnlessItFailed() {
        CloudEvent shadowAuthority = intent.withAuthority(Side.SHADOW, "d-1");

        assertThat(OutcomeAuthority.standing(completed(shadow, shadowAuthority))).isEqualTo(Standing.AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(shadow.rejected(shadowAuthority, ClaimsContract.CLAIM_ASSESSED, "invalid", "x")))
                .isEqualTo(Standing.AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(failed(shadow, shadowAuthority))).isEqualTo(Standing.FALLBACK_NEEDED);
        assertThat(OutcomeAuthority.standing(completed(legacy, shadowAuthority))).as("legacy simulated: a reverse shadow")
                .isEqualTo(Standing.NOT_AUTHORITATIVE);
    }

    @Test
    void aFallbacksLegacyAnswerIsTheTruthWhateverItsStatus() {
        CloudEvent fallback = intent.withAuthority(Side.SHADOW, "d-1").asFallback("f-1", Instant.now());

        assertThat(OutcomeAuthority.standing(completed(legacy, fallback))).isEqualTo(Standing.AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(failed(legacy, fallback))).isEqualTo(Standing.AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(completed(shadow, fallback))).isEqualTo(Standing.NOT_AUTHORITATIVE);
    }

    @Test
    void aReplayIsNeverTheTruth() {
        assertThat(OutcomeAuthority.standing(completed(legacy, intent.asReplay("r-1")))).isEqualTo(Standing.NOT_AUTHORITATIVE);
        CloudEvent shadowReplay = intent.withAuthority(Side.SHADOW, "d-1").asReplay("r-1");
        assertThat(OutcomeAuthority.standing(completed(shadow, shadowReplay))).isEqualTo(Standing.NOT_AUTHORITATIVE);
        assertThat(OutcomeAuthority.standing(failed(shadow, shadowReplay))).isEqualTo(Standing.NOT_AUTHORITATIVE);
        assertThat(OutcomeAuthority.mayNeedFallback(shadowReplay)).isFalse();
    }

    @Test
    void onlyALiveShadowAuthoritativeIntentMayNeedAFallback() {
        assertThat(OutcomeAuthority.mayNeedFallback(intent)).isFalse();
        assertThat(OutcomeAuthority.mayNeedFallback(intent.withAuthority(Side.LEGACY, "d-1"))).isFalse();
        assertThat(OutcomeAuthority.mayNeedFallback(intent.withAuthority(Side.SHADOW, "d-1"))).isTrue();
        assertThat(OutcomeAuthority.mayNeedFallback(intent.withAuthority(Side.SHADOW, "d-1").asFallback("f", Instant.now())))
                .isFalse();
    }

    @Test
    void derivesTheFallbackIdFromTheOriginalIntentsId() {
        assertThat(OutcomeAuthority.fallbackId("intent-1")).isEqualTo(
                UUID.nameUUIDFromBytes("intent-1|fallback".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo(OutcomeAuthority.fallbackId("intent-1"))
                .isNotEqualTo(OutcomeAuthority.fallbackId("intent-2"));
    }

    private static CloudEvent completed(Participant side, CloudEvent intent) {
        return side.completed(intent, ClaimsContract.CLAIM_ASSESSED, Map.of("claimId", "CLM-1001"));
    }

    private static CloudEvent failed(Participant side, CloudEvent intent) {
        return side.failed(intent, ClaimsContract.CLAIM_ASSESSED, "timeout", "no answer");
    }
}
