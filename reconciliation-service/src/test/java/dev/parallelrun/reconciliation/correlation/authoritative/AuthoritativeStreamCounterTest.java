package dev.parallelrun.reconciliation.correlation.authoritative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AuthoritativeStreamCounterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuthorityMetrics metrics = new AuthorityMetrics(registry,
            Map.of("claims", List.of(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED)));
    private final AuthoritativeStreamCounter counter = new AuthoritativeStreamCounter(metrics);
    private final CloudEvent intent = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).withAuthority(Side.SHADOW, "d-1");
    private final Participant shadow = new Participant(Side.SHADOW, "urn:test:shadow", Clock.systemUTC(), EventCodec.standard());

    @Test
    void registersEverySeriesAtZeroPerContext() {
        metrics.registerAtZero();

        assertThat(registry.get("parallelrun.fallbacks").tag("context", "claims").tag("reason", "missing").counter().count())
                .isZero();
        assertThat(registry.get("parallelrun.replayed.intents").tag("context", "claims").counter().count()).isZero();
        assertThat(registry.get("parallelrun.authoritative.outcomes").tag("context", "claims").counters()).hasSize(6);
    }

    @Test
    void countsAuthoritativeOutcomesBySideAndStatus() {
        counter.count(record(Topics.AUTHORITATIVE_OUTCOMES, shadow.failed(intent, ClaimsContract.CLAIM_ASSESSED, "x", "y"), null));

        assertThat(registry.get("parallelrun.authoritative.outcomes").tag("context", "claims").tag("side", "shadow")
                .tag("status", "failed").counter().count()).isEqualTo(1);
    }

    @Test
    void countsOnlyTheFallbackIntentsReconciliationIssuedByTheirReason() {
        CloudEvent fallback = intent.asFallback("f-1", Instant.now());

        counter.count(record(Topics.intents("claims"), fallback, "failed"));
        counter.count(record(Topics.intents("claims"), fallback, null));
        counter.count(record(Topics.intents("claims"), intent, null));

        assertThat(registry.get("parallelrun.fallbacks").tag("context", "claims").tag("reason", "failed").counter().count())
                .isEqualTo(1);
    }

    @Test
    void foldsUnknownContextsIntoOther() {
        CloudEvent outcome = shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, Map.of("claimId", "CLM-1"));
        CloudEvent elsewhere = new CloudEvent(outcome.specVersion(), outcome.id(), outcome.type(), outcome.source(),
                outcome.time(), outcome.dataContentType(), outcome.correlationId(), outcome.causationId(), "invented",
                outcome.side(), outcome.outcomeType(), outcome.outcomeStatus(), null, null, null, null, null, null, null,
                outcome.data());

        counter.count(record(Topics.AUTHORITATIVE_OUTCOMES, elsewhere, null));

        assertThat(registry.get("parallelrun.authoritative.outcomes").tag("context", "other").counter().count()).isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, CloudEvent event, String reason) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 0L, event.correlationId(),
                EventCodec.standard().write(event));
        if (reason != null) {
            record.headers().add(AuthoritativeOutcomes.FALLBACK_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
