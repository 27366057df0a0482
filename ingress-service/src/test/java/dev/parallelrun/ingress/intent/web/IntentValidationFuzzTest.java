package dev.parallelrun.ingress.intent.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.intent.schema.RegisteredIntent;
import dev.parallelrun.ingress.intent.domain.RequestFingerprint;
import dev.parallelrun.ingress.intent.schema.ShippedSchemas;
import dev.parallelrun.ingress.intent.schema.Violation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Coverage-guided fuzzing of the path that turns a request body into an intent: the body reader, then
 * the intent type's JSON Schema (the shipped {@code ClaimSubmitted.schema.json}). Whatever the bytes, the outcome is a 4xx refusal
 * ({@link UnacceptableRequestException}), a list of violations (a 422 problem), or a valid intent that
 * every consumer can read back as a {@link ClaimSubmitted}; any other throwable is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the corpus in {@code IntentValidationFuzzTestInputs/}
 * as a regression test; see docs/development.md for a fuzzing session.
 */
class IntentValidationFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:15:30Z"), ZoneOffset.UTC);
    private static final EventCodec CODEC = EventCodec.standard();

    private final IntentBodyReader reader = new IntentBodyReader(64 * 1024);
    private final RegisteredIntent claimSubmitted = IntentCatalog.of(List.of(ShippedSchemas.claimSubmitted(CLOCK)))
            .get(ClaimsContract.CLAIM_SUBMITTED.name());

    @FuzzTest(maxDuration = "5m")
    void turnsAnyBodyIntoARefusalViolationsOrAReadableIntent(byte[] body) throws IOException {
        JsonNode data;
        try {
            data = reader.read(-1, new ByteArrayInputStream(body));
        } catch (UnacceptableRequestException refused) {
            assertThat(refused.status().is4xxClientError()).isTrue();
            return;
        }
        List<Violation> violations = claimSubmitted.schema().validate(data);
        if (!violations.isEmpty()) {
            // an RFC 6901 pointer: the whole body, or a path from the root (a property name may hold any character)
            assertThat(violations).allSatisfy(violation -> assertThat(violation.pointer().isEmpty()
                    || violation.pointer().startsWith("/")).as(violation.pointer()).isTrue());
            return;
        }
        // accepted: the fingerprint can be taken, and what is published reads back as the contract says
        RequestFingerprint.of(claimSubmitted.type().eventType(), data);
        CloudEvent published = CloudEvent.intent("e-1", claimSubmitted.type().eventType(), "/channels/fuzz",
                CLOCK.instant(), "c-1", claimSubmitted.type().boundedContext(), data);
        CloudEvent consumed = CODEC.read(CODEC.write(published));
        ClaimSubmitted claim = CODEC.data(consumed.data(), ClaimSubmitted.class);
        assertThat(claim.claimedAmount()).isEqualByComparingTo(data.get("claimedAmount").decimalValue());
        assertThat(claim.description()).isEqualTo(data.get("description").stringValue());
        assertStorableByPostgres(data);
    }

    /** PostgreSQL refuses {@code \u0000} and unpaired surrogates in text and jsonb. */
    private static void assertStorableByPostgres(JsonNode node) {
        if (node.isString()) {
            String text = node.stringValue();
            assertThat(text).doesNotContain("\u0000");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    assertThat(Character.isSurrogate(c)).as("unpaired surrogate in %s", text).isFalse();
                }
            }
        }
        node.values().forEach(IntentValidationFuzzTest::assertStorableByPostgres);
    }
}
