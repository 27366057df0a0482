package dev.parallelrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventCodecTest {

    private final EventCodec codec = EventCodec.standard();

    @ParameterizedTest
    @ValueSource(strings = {GoldenEvents.CLAIM_SUBMITTED, GoldenEvents.CLAIM_ASSESSED_LEGACY,
            GoldenEvents.PAYMENT_DECIDED_SHADOW, GoldenEvents.PAYMENT_DECIDED_LEGACY_FAILED, GoldenEvents.VERDICT_MISMATCH,
            GoldenEvents.QUOTE_REQUESTED, GoldenEvents.PREMIUM_QUOTED_LEGACY, GoldenEvents.PREMIUM_QUOTED_SHADOW})
    void roundTripsEveryGoldenFixtureUnchanged(String fixture) {
        JsonNode golden = codec.mapper().readTree(GoldenEvents.bytes(fixture));

        CloudEvent event = codec.read(GoldenEvents.bytes(fixture));
        JsonNode written = codec.mapper().readTree(codec.write(event));

        assertThat(written).isEqualTo(golden);
    }

    @Test
    void readsAmountsAsExactDecimals() {
        CloudEvent event = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);

        ClaimSubmitted claim = codec.data(event.data(), ClaimSubmitted.class);

        assertThat(claim.claimedAmount()).isEqualTo(new BigDecimal("1234.56"));
        assertThat(claim.incidentDate()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(event.correlationId()).isEqualTo("c0ffee00-0000-4000-8000-000000001001");
        assertThat(event.type()).isEqualTo(ClaimsContract.CLAIM_SUBMITTED.eventType());
    }

    @Test
    void keepsTrailingZerosOfAmounts() {
        PaymentDecided decided = new PaymentDecided("CLM-1", PaymentDecided.Decision.APPROVED,
                new BigDecimal("100.10"), new BigDecimal("110.00"), "EUR", null);

        String json = codec.mapper().writeValueAsString(decided);

        assertThat(json).contains("\"paymentAmount\":100.10").contains("\"reserveAmount\":110.00");
    }

    @Test
    void readsOutcomeAttributes() {
        CloudEvent event = GoldenEvents.event(GoldenEvents.PAYMENT_DECIDED_LEGACY_FAILED);

        assertThat(event.outcomeSide()).isEqualTo(Side.LEGACY);
        assertThat(event.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(event.outcomeType()).isEqualTo("PaymentDecided");
        assertThat(event.causationId()).isEqualTo("8c1f3a52-6f0e-4d7e-9b8a-2f0c6b1d9e01");
    }

    @Test
    void carriesAuthoritySamplingAndReplayAttributesThroughTheWire() {
        CloudEvent intent = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED)
                .withAuthority(Side.SHADOW, "decision-7").withSampled(false).asReplay("replay-3");

        JsonNode json = codec.mapper().readTree(codec.write(intent));
        CloudEvent read = codec.read(codec.write(intent));

        assertThat(json.get(Attributes.AUTHORITY).asString()).isEqualTo("shadow");
        assertThat(json.get(Attributes.AUTHORITY_DECISION).asString()).isEqualTo("decision-7");
        assertThat(json.get(Attributes.SAMPLED).asBoolean()).isFalse();
        assertThat(json.get(Attributes.REPLAY_ID).asString()).isEqualTo("replay-3");
        assertThat(read).isEqualTo(intent);
        assertThat(read.authoritySide()).isEqualTo(Side.SHADOW);
        assertThat(read.inSample()).isFalse();
        assertThat(read.isReplay()).isTrue();
    }

    @Test
    void aReplayedIntentIsANewEventUnderANewCorrelationCausedByTheOriginal() {
        CloudEvent original = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED)
                .withAuthority(Side.SHADOW, "decision-7").withSampled(false);
        Instant replayedAt = Instant.parse("2026-12-05T08:00:00Z");

        CloudEvent replayed = original.replayedAs("event-2", "correlation-2", "replay-9", ReplayKind.NOISE, replayedAt);
        JsonNode json = codec.mapper().readTree(codec.write(replayed));

        assertThat(replayed.id()).isEqualTo("event-2");
        assertThat(replayed.correlationId()).isEqualTo("correlation-2");
        assertThat(replayed.causationId()).isEqualTo(original.id());
        assertThat(replayed.time()).isEqualTo(replayedAt);
        assertThat(replayed.data()).isEqualTo(original.data());
        assertThat(replayed.inSample()).as("a replay is always processed by both sides").isTrue();
        assertThat(json.get(Attributes.REPLAY).asBoolean()).isTrue();
        assertThat(json.get(Attributes.REPLAY_ID).asString()).isEqualTo("replay-9");
        assertThat(json.get(Attributes.REPLAY_KIND).asString()).isEqualTo("noise");
        assertThat(codec.read(codec.write(replayed)).replayKindOrDefault()).isEqualTo(ReplayKind.NOISE);
        assertThat(original.replayKindOrDefault()).isNull();
        assertThat(original.asReplay("replay-1").replayKindOrDefault()).isEqualTo(ReplayKind.REPLAY);
        assertThatThrownBy(() -> ReplayKind.fromWire("again")).hasMessageContaining("unknown replay kind 'again'");
    }

    @Test
    void anIntentInTheSampleCarriesNoSamplingAttribute() {
        CloudEvent intent = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).withSampled(true);

        JsonNode json = codec.mapper().readTree(codec.write(intent));

        assertThat(json.has(Attributes.SAMPLED)).isFalse();
        assertThat(json.has(Attributes.AUTHORITY)).isFalse();
        assertThat(codec.read(codec.write(intent)).inSample()).isTrue();
    }

    @Test
    void readsVerdictData() {
        CloudEvent event = GoldenEvents.event(GoldenEvents.VERDICT_MISMATCH);

        Verdict verdict = codec.data(event.data(), Verdict.class);

        assertThat(verdict.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(verdict.differences()).singleElement()
                .satisfies(d -> assertThat(d.legacy().decimalValue()).isEqualByComparingTo("1034.57"));
    }

    @Test
    void omitsAttributesThatDoNotApply() {
        CloudEvent intent = CloudEvent.intent("id-1", "claims.ClaimSubmitted.v1", "urn:test", Instant.parse("2026-11-01T00:00:00Z"),
                "corr-1", "claims", codec.tree(java.util.Map.of("claimId", "CLM-1")));

        String json = codec.writeAsString(intent);

        assertThat(json).doesNotContain("side").doesNotContain("causationid").doesNotContain("null");
    }

    @Test
    void rejectsNonJsonWithAReason() {
        assertThatThrownBy(() -> codec.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not a valid CloudEvents JSON object");
    }

    @Test
    void rejectsAnEnvelopeMissingRequiredAttributes() {
        byte[] bytes = "{\"specversion\":\"0.3\",\"type\":\"x\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.read(bytes))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("specversion must be \"1.0\"")
                .hasMessageContaining("id is required")
                .hasMessageContaining("source is required")
                .hasMessageContaining("correlationid is required")
                .hasMessageContaining("time is required");
    }

    @Test
    void rejectsAnOutcomeWithAnUnknownSide() {
        String json = new String(GoldenEvents.bytes(GoldenEvents.CLAIM_ASSESSED_LEGACY), StandardCharsets.UTF_8)
                .replace("\"side\" : \"legacy\"", "\"side\" : \"both\"");

        assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown side 'both'");
    }

    @Test
    void rejectsANumberBeyondJacksonsLimitsAsMalformed() {
        // found by CloudEventDeserializerFuzzTest: Jackson throws a NumberFormatException, not a JacksonException
        String json = new String(GoldenEvents.bytes(GoldenEvents.CLAIM_ASSESSED_LEGACY), StandardCharsets.UTF_8)
                .replace("\"data\" : {", "\"data\" : {\"huge\": 1112e11111111111141,");

        assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("value exceeds limits");
    }

    @Test
    void rejectsANumberItCouldNotWriteBackAsMalformed() {
        // 1e10000 reads, but Jackson refuses to write a plain BigDecimal whose scale is beyond +-9999
        String json = new String(GoldenEvents.bytes(GoldenEvents.CLAIM_ASSESSED_LEGACY), StandardCharsets.UTF_8)
                .replace("\"data\" : {", "\"data\" : {\"weights\": [1e10000],");

        assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data/weights/0");
    }

    @Test
    void rejectsAnEmptyMessage() {
        assertThatThrownBy(() -> codec.read(new byte[0])).isInstanceOf(MalformedEventException.class);
    }
}
