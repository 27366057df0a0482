package dev.parallelrun.ingress.intent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RequestFingerprintTest {

    private static final String TYPE = "claims.ClaimSubmitted.v1";

    @Test
    void isTheSameWhateverThePropertyOrderAndWhitespace() {
        String compact = "{\"claimId\":\"CLM-1\",\"claimant\":{\"name\":\"Erika\",\"email\":\"e@x.org\"},\"claimedAmount\":10.5}";
        String reordered = """
                {
                  "claimedAmount" : 10.5,
                  "claimant" : { "email" : "e@x.org", "name" : "Erika" },
                  "claimId" : "CLM-1"
                }
                """;

        assertThat(RequestFingerprint.of(TYPE, json(reordered))).isEqualTo(RequestFingerprint.of(TYPE, json(compact)));
    }

    @Test
    void isTheSameForEveryNotationOfTheSameNumber() {
        String fingerprint = RequestFingerprint.of(TYPE, json("{\"amount\": 10.5}"));

        assertThat(RequestFingerprint.of(TYPE, json("{\"amount\": 10.50}"))).isEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(TYPE, json("{\"amount\": 1.05e1}"))).isEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(TYPE, json("{\"amount\": 0}")))
                .isEqualTo(RequestFingerprint.of(TYPE, json("{\"amount\": 0.00}")));
    }

    @Test
    void differsWhenAValueDiffers() {
        String fingerprint = RequestFingerprint.of(TYPE, json("{\"amount\": 10.5, \"claimId\": \"CLM-1\"}"));

        assertThat(RequestFingerprint.of(TYPE, json("{\"amount\": 10.51, \"claimId\": \"CLM-1\"}"))).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(TYPE, json("{\"amount\": 10.5, \"claimId\": \"CLM-2\"}"))).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(TYPE, json("{\"amount\": \"10.5\", \"claimId\": \"CLM-1\"}"))).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(TYPE, json("{\"amount\": 10.5}"))).isNotEqualTo(fingerprint);
    }

    @Test
    void differsForAnotherIntentType() {
        JsonNode body = json("{\"claimId\": \"CLM-1\"}");

        assertThat(RequestFingerprint.of("claims.ClaimWithdrawn.v1", body)).isNotEqualTo(RequestFingerprint.of(TYPE, body));
    }

    @Test
    void isALowerCaseHexSha256() {
        assertThat(RequestFingerprint.of(TYPE, json("{}"))).matches("[0-9a-f]{64}");
    }

    @Test
    void writesCanonicalJsonWithSortedPropertiesAndEscapedStrings() {
        JsonNode body = json("{\"b\": [true, null, 1.50], \"a\": \"line\\nbreak \\\"quoted\\\" \\u0001\"}");

        assertThat(RequestFingerprint.canonical(body))
                .isEqualTo("{\"a\":\"line\\nbreak \\\"quoted\\\" \\u0001\",\"b\":[true,null,1.5]}");
    }

    @Test
    void keepsArrayOrderSignificant() {
        assertThat(RequestFingerprint.of(TYPE, json("[1, 2]"))).isNotEqualTo(RequestFingerprint.of(TYPE, json("[2, 1]")));
    }

    private static JsonNode json(String text) {
        return EventCodec.standard().mapper().readTree(text);
    }
}
