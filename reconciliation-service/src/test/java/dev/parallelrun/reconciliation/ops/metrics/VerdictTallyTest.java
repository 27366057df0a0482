package dev.parallelrun.reconciliation.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class VerdictTallyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123456Z");
    private final EventCodec codec = EventCodec.standard();

    @Test
    void readsWhatTheMetricsCountFromAVerdictEventsBytes() {
        Verdict verdict = new Verdict("v-1", 2, "v-0", "corr-1", "claims", "PaymentDecided", Classification.MISMATCH,
                Severity.CRITICAL,
                List.of(new Difference("/paymentAmount", codec.tree(new BigDecimal("10.05")),
                        codec.tree(new BigDecimal("10.04")), "rounding", false, Severity.CRITICAL)),
                "claims-3@sha256:abcd", T0, T0.plusMillis(250), T0.plusMillis(300), "e-legacy", "e-shadow",
                codec.mapper().readTree("{\"paymentAmount\":10.05,\"lines\":[{\"code\":\"A\"},{\"code\":\"B\"}]}"),
                codec.mapper().readTree("{\"paymentAmount\":10.04,\"lines\":[{\"code\":\"A\"}]}"), null);

        VerdictTally tally = VerdictTally.read(codec.mapper(), codec.write(event(Verdict.EVENT_TYPE, verdict)));

        assertThat(tally).isEqualTo(VerdictTally.of(verdict));
        assertThat(tally.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(tally.shadowReceivedAt()).isEqualTo(T0.plusMillis(250));
    }

    @Test
    void keepsAReplaysIdSoItsVerdictStaysOutOfTheLiveSeries() {
        Verdict verdict = new Verdict("v-2", 1, null, "corr-2", "claims", "ClaimAssessed", Classification.MATCH,
                Severity.NONE, List.of(), "claims-3", T0, T0, T0, null, null, null, null, "replay-7");

        assertThat(VerdictTally.read(codec.mapper(), codec.write(event(Verdict.EVENT_TYPE, verdict))).replayId())
                .isEqualTo("replay-7");
    }

    @Test
    void passesOverAnEventOfAnotherType() {
        Verdict verdict = new Verdict("v-3", 1, null, "corr-3", "claims", "ClaimAssessed", Classification.MATCH,
                Severity.NONE, List.of(), "claims-3", T0, T0, T0, null, null, null, null, null);

        assertThat(VerdictTally.read(codec.mapper(), codec.write(event("reconciliation.Other.v1", verdict)))).isNull();
    }

    @Test
    void refusesBytesThatAreNotAVerdict() {
        assertThatThrownBy(() -> VerdictTally.read(codec.mapper(), "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> VerdictTally.read(codec.mapper(),
                ("{\"type\":\"" + Verdict.EVENT_TYPE + "\",\"data\":{\"classification\":\"SORT_OF\"}}")
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JacksonException.class);
    }

    private CloudEvent event(String type, Verdict verdict) {
        return CloudEvent.fact(verdict.verdictId(), type, "reconciliation-service", verdict.decidedAt(),
                verdict.correlationId(), verdict.context(), codec.tree(verdict));
    }
}
