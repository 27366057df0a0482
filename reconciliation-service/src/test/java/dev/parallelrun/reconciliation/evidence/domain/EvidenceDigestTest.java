package dev.parallelrun.reconciliation.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CanonicalJson;
import dev.parallelrun.events.EventCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The canonical JSON the pack's digest is taken over, and the digest: the same content, the same digest, always. */
class EvidenceDigestTest {

    private final EventCodec codec = EventCodec.standard();

    @Test
    void writesObjectsWithSortedKeysAndNoWhitespace() {
        JsonNode value = json("""
                { "b": [ 1, {"z": true, "a": null} ], "a": "x", "B": {} }""");

        assertThat(CanonicalJson.write(value)).isEqualTo("{\"B\":{},\"a\":\"x\",\"b\":[1,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void writesNumbersAsPlainDecimalsWithoutTrailingZerosOrExponents() {
        JsonNode value = json("[1.50, 1.0, 1E+3, 2.5e-3, -0.0, 0.00, 12345678901234567890, 0.6666666666666666, -7]");

        assertThat(CanonicalJson.write(value)).isEqualTo("[1.5,1,1000,0.0025,0,0,12345678901234567890,0.6666666666666666,-7]");
    }

    @Test
    void escapesOnlyQuotesBackslashesAndControlCharacters() {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("s", "a\"b\\c\nd\te\u0001f</script>é€");

        assertThat(CanonicalJson.write(value)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001f</script>é€\"}");
    }

    @Test
    void refusesNumbersThatAreNotFinite() {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("rate", Double.NaN);

        assertThatThrownBy(() -> CanonicalJson.write(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestDoesNotDependOnKeyOrderWhitespaceOrNumberSpelling() {
        ObjectNode one = (ObjectNode) json("""
                {"context":"claims","matchRateByHour":[{"hour":"2026-11-02T10:00:00Z","agree":3,"matchRate":0.75}],
                 "period":{"from":"2026-11-02T00:00:00Z","to":"2026-11-03T00:00:00Z"}}""");
        ObjectNode other = (ObjectNode) json("""
                {"period":{"to":"2026-11-03T00:00:00Z","from":"2026-11-02T00:00:00Z"},
                   "matchRateByHour" : [ {"matchRate":7.50E-1,"agree":3.0,"hour":"2026-11-02T10:00:00Z"} ],
                 "context" : "claims"}""");

        assertThat(EvidenceDigest.of(other)).isEqualTo(EvidenceDigest.of(one));
    }

    @Test
    void digestIsStableAcrossRunsAndIsTheSha256OfTheCanonicalText() {
        ObjectNode pack = (ObjectNode) json("{\"context\":\"claims\",\"casesAvailable\":false}");

        // sha256 of {"casesAvailable":false,"context":"claims"}: pinned, so that a change to the canonical form shows
        assertThat(EvidenceDigest.of(pack))
                .isEqualTo(EvidenceDigest.sha256(json("{\"casesAvailable\":false,\"context\":\"claims\"}")))
                .isEqualTo("5df53c96746ece4aa464b3fa46d24c92fe09a10eec986408200f78fe67e5edc1");
    }

    @Test
    void digestLeavesOutTheDigestTheGenerationTimeAndTheSignOffs() {
        ObjectNode evidence = (ObjectNode) json("{\"context\":\"claims\",\"casesAvailable\":false}");
        ObjectNode pack = evidence.deepCopy();
        pack.put("digest", "0".repeat(64)).put("generatedAt", "2026-12-04T17:00:00Z").putArray("signOffs")
                .addObject().put("signedBy", "auditor");

        assertThat(EvidenceDigest.of(pack)).isEqualTo(EvidenceDigest.of(evidence));
        assertThat(EvidenceDigest.of(evidence.deepCopy().put("casesAvailable", true)))
                .isNotEqualTo(EvidenceDigest.of(evidence));
    }

    @Test
    void aWellFormedDigestIsSixtyFourHexDigits() {
        assertThat(EvidenceDigest.isWellFormed("ab".repeat(32))).isTrue();
        assertThat(EvidenceDigest.isWellFormed("AB".repeat(32))).isTrue();
        assertThat(EvidenceDigest.isWellFormed("ab".repeat(31))).isFalse();
        assertThat(EvidenceDigest.isWellFormed("g".repeat(64))).isFalse();
        assertThat(EvidenceDigest.isWellFormed(null)).isFalse();
    }

    private JsonNode json(String text) {
        return codec.mapper().readTree(text);
    }
}
