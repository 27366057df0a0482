package dev.parallelrun.claims.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.claims.ClaimIntents;
import dev.parallelrun.claims.domain.ClaimDecider;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.GatedSideEffect;
import dev.parallelrun.participant.IntentHandler;
import dev.parallelrun.participant.IntentProcessor;
import dev.parallelrun.participant.OutcomeNotPublishedException;
import dev.parallelrun.participant.OutcomePublisher;
import dev.parallelrun.participant.ParticipantContexts;
import dev.parallelrun.participant.ParticipantMetrics;
import dev.parallelrun.participant.ParticipantProperties;
import dev.parallelrun.participant.ProcessedIntents;
import dev.parallelrun.participant.SideEffectGate;
import dev.parallelrun.participant.SideEffectStatus;
import dev.parallelrun.participant.SideEffects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

/** The claims handler inside the participant kit's processing, with in-memory ports: the service's whole behaviour. */
class ClaimIntentHandlerTest {

    private final EventCodec codec = EventCodec.standard();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:15:31Z"));
    private final InMemoryProcessedIntents processedIntents = new InMemoryProcessedIntents();
    private final InMemorySideEffects sideEffects = new InMemorySideEffects();
    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final ParticipantProperties properties = new ParticipantProperties(Side.SHADOW,
            "urn:parallelrun:claims-service", new ParticipantProperties.Consumer("claims-service", 4),
            new ParticipantProperties.Retry(4, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2)), Duration.ofSeconds(10),
            new ParticipantProperties.Topics(3, (short) 1, 1),
            new ParticipantProperties.Retention(Duration.ofDays(14), Duration.ofDays(400), Duration.ofHours(1)));
    private final Participant participant = new Participant(Side.SHADOW, properties.source(), clock, codec);
    private final ClaimIntentHandler handler = new ClaimIntentHandler(participant, new ClaimDecider());

    /** The service as the kit runs it; {@code authoritative}: the intents it is given name the shadow side authoritative. */
    private Service service(boolean authoritative) {
        var metrics = new ParticipantMetrics(registry, new ParticipantContexts(java.util.List.of("claims")), Side.SHADOW);
        var gate = new SideEffectGate(Side.SHADOW, sideEffects, clock, codec, metrics);
        var processor = new IntentProcessor(properties, List.of(handler), processedIntents, gate, sink,
                TransactionOperations.withoutTransaction(), metrics);
        return intent -> processor.process(authoritative ? intent.withAuthority(Side.SHADOW, "decision-1") : intent);
    }

    private interface Service {
        void handle(CloudEvent intent);
    }

    @Test
    void publishesTheShadowOutcomesOfACleanClaim() {
        CloudEvent intent = ClaimIntents.clean();

        service(false).handle(intent);

        assertThat(sink.published).hasSize(2);
        CloudEvent assessedEvent = sink.published.get(0);
        CloudEvent decidedEvent = sink.published.get(1);
        assertThat(assessedEvent.outcomeType()).isEqualTo("ClaimAssessed");
        assertThat(assessedEvent.outcomeSide()).isEqualTo(Side.SHADOW);
        assertThat(assessedEvent.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(assessedEvent.source()).isEqualTo("urn:parallelrun:claims-service");
        assertThat(assessedEvent.causationId()).isEqualTo(intent.id());
        assertThat(assessedEvent.correlationId()).isEqualTo(intent.correlationId());
        assertThat(assessedEvent.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.SHADOW, "ClaimAssessed"));

        ClaimAssessed assessed = codec.data(assessedEvent.data(), ClaimAssessed.class);
        assertThat(assessed.fraudDecision()).isEqualTo(ClaimAssessed.FraudDecision.CLEAR);
        assertThat(assessed.riskScore()).isEqualTo(10);
        assertThat(assessed.riskReasons()).isEmpty();

        PaymentDecided decided = codec.data(decidedEvent.data(), PaymentDecided.class);
        assertThat(decided.decision()).isEqualTo(PaymentDecided.Decision.APPROVED);
        assertThat(decided.paymentAmount()).isEqualTo(new BigDecimal("976.10"));
        assertThat(decided.reserveAmount()).isEqualTo(new BigDecimal("1358.02"));
        assertThat(decided.currency()).isEqualTo("EUR");
        assertThat(decided.ledgerEntries()).extracting(PaymentDecided.LedgerEntry::account)
                .containsExactly("claims-expense", "claims-payable", "claims-reserve", "outstanding-claims");
    }

    @Test
    void suppressesThePaymentAndTheNotificationWhileNotAuthoritative() {
        CloudEvent intent = ClaimIntents.clean();

        service(false).handle(intent);

        List<GatedSideEffect> recorded = sideEffects.ofCorrelation(intent.correlationId());
        assertThat(recorded).extracting(GatedSideEffect::type)
                .containsExactly(SideEffectType.PAYMENT_INSTRUCTION.name(), SideEffectType.CUSTOMER_NOTIFICATION.name());
        assertThat(recorded).extracting(GatedSideEffect::status).containsOnly(SideEffectStatus.SUPPRESSED);
        assertThat(recorded.get(0).payload().get("amount").decimalValue()).isEqualTo(new BigDecimal("976.10"));
        assertThat(recorded.get(1).payload().get("decision").asString()).isEqualTo("APPROVED");
        assertThat(recorded.get(1).payload().toString()).doesNotContain("erika", "Mustermann");
        assertThat(suppressedCount(SideEffectType.PAYMENT_INSTRUCTION)).isEqualTo(1.0);
        assertThat(suppressedCount(SideEffectType.CUSTOMER_NOTIFICATION)).isEqualTo(1.0);
        assertThat(registry.find("participant.side_effects").tag("status", "dispatched").counters()).isEmpty();
    }

    @Test
    void dispatchesThroughTheOutboxWhenAuthoritative() {
        CloudEvent intent = ClaimIntents.clean();

        service(true).handle(intent);

        assertThat(sideEffects.ofCorrelation(intent.correlationId())).extracting(GatedSideEffect::status)
                .containsExactly(SideEffectStatus.DISPATCHED, SideEffectStatus.DISPATCHED);
        assertThat(suppressedCount(SideEffectType.PAYMENT_INSTRUCTION)).isZero();
    }

    @Test
    void answersFailedWithoutSideEffectsForAClaimItIsToldToFailOn() {
        var failing = new ClaimIntentHandler(participant, new ClaimDecider(),
                InjectedFaults.failingClaimsMatching("CLM-SHADOWFAIL-.*"));
        CloudEvent intent = ClaimIntents.claim(data -> data.put("claimId", "CLM-SHADOWFAIL-1"));

        IntentHandler.Decision decision = failing.handle(intent);

        assertThat(decision.outcomes()).extracting(CloudEvent::status).containsOnly(OutcomeStatus.FAILED);
        assertThat(decision.outcomes()).extracting(CloudEvent::outcomeType)
                .containsExactly("ClaimAssessed", "PaymentDecided");
        assertThat(codec.data(decision.outcomes().get(0).data(), OutcomeProblem.class).reason())
                .isEqualTo(InjectedFaults.REASON);
        assertThat(decision.sideEffects()).isEmpty();
        assertThat(new ClaimIntentHandler(participant, new ClaimDecider(),
                InjectedFaults.failingClaimsMatching("CLM-FAIL-.*")).handle(intent).outcomes())
                .extracting(CloudEvent::status).containsOnly(OutcomeStatus.COMPLETED);
    }

    @Test
    void skewsOnlyTheRiskScoreOfAMatchingClaimAndStopsWhenSwitchedOff() {
        InjectedSkew skew = InjectedSkew.skewingClaimsMatching("CLM-SKEW-.*");
        var handler = new ClaimIntentHandler(participant, new ClaimDecider(), InjectedFaults.NONE, skew);
        CloudEvent skewed = ClaimIntents.claim(data -> data.put("claimId", "CLM-SKEW-1"));
        CloudEvent plain = ClaimIntents.claim(data -> data.put("claimId", "CLM-PLAIN-1"));
        IntentHandler.Decision honest = new ClaimIntentHandler(participant, new ClaimDecider()).handle(skewed);

        IntentHandler.Decision before = handler.handle(skewed);
        skew.skewClaimsMatching("");
        IntentHandler.Decision after = handler.handle(skewed);

        ClaimAssessed truth = codec.data(honest.outcomes().get(0).data(), ClaimAssessed.class);
        ClaimAssessed wrong = codec.data(before.outcomes().get(0).data(), ClaimAssessed.class);
        assertThat(wrong.riskScore()).isEqualTo(InjectedSkew.skewed(truth.riskScore())).isNotEqualTo(truth.riskScore());
        assertThat(wrong.fraudDecision()).isEqualTo(truth.fraudDecision());
        assertThat(wrong.riskReasons()).isEqualTo(truth.riskReasons());
        assertThat(codec.data(before.outcomes().get(1).data(), PaymentDecided.class))
                .isEqualTo(codec.data(honest.outcomes().get(1).data(), PaymentDecided.class));
        assertThat(before.sideEffects()).isEqualTo(honest.sideEffects());
        assertThat(codec.data(after.outcomes().get(0).data(), ClaimAssessed.class)).isEqualTo(truth);
        assertThat(codec.data(handler.handle(plain).outcomes().get(0).data(), ClaimAssessed.class).riskScore())
                .isEqualTo(truth.riskScore());
        assertThat(InjectedSkew.skewed(95)).isEqualTo(85);
        assertThat(InjectedSkew.skewed(0)).isEqualTo(10);
    }

    @Test
    void neverDispatchesAReplayedIntent() {
        CloudEvent replay = ClaimIntents.clean().asReplay();

        service(true).handle(replay);

        assertThat(sideEffects.ofCorrelation(replay.correlationId())).extracting(GatedSideEffect::status)
                .containsOnly(SideEffectStatus.SUPPRESSED);
    }

    @Test
    void notifiesButDoesNotPayAReferredClaim() {
        CloudEvent intent = ClaimIntents.claim(data -> {
            data.put("claimedAmount", new BigDecimal("25000.00"));
            data.put("description", "car stolen");
        });

        service(false).handle(intent);

        assertThat(codec.data(sink.published.get(1).data(), PaymentDecided.class).decision())
                .isEqualTo(PaymentDecided.Decision.REFERRED);
        assertThat(sideEffects.ofCorrelation(intent.correlationId())).extracting(GatedSideEffect::type)
                .containsExactly(SideEffectType.CUSTOMER_NOTIFICATION.name());
    }

    @Test
    void republishesTheStoredOutcomesWhenAnIntentComesAgain() {
        CloudEvent intent = ClaimIntents.clean();
        Service service = service(false);
        service.handle(intent);
        List<CloudEvent> first = List.copyOf(sink.published);

        clock.advance(Duration.ofMinutes(5));
        service.handle(intent);

        assertThat(sink.published).hasSize(4);
        assertThat(sink.published.subList(2, 4)).isEqualTo(first);
        assertThat(sideEffects.ofCorrelation(intent.correlationId())).hasSize(2);
        assertThat(suppressedCount(SideEffectType.PAYMENT_INSTRUCTION)).isEqualTo(1.0);
        assertThat(registry.get("participant.intents").tags("context", "claims", "side", "shadow", "result", "duplicate").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void labelsHandledIntentsOnlyWithTheBoundedSetOfResults() {
        Service service = service(false);
        CloudEvent clean = ClaimIntents.clean();
        service.handle(clean);
        service.handle(clean);
        service.handle(ClaimIntents.claim(data -> data.put("policyId", "POL-000")));
        service.handle(ClaimIntents.claim(data -> data.put("region", "a region nobody has heard of " + clean.id())));

        assertThat(registry.find("participant.intents").counters())
                .extracting(counter -> counter.getId().getTag("result"))
                .isSubsetOf("completed", "rejected", "failed", "duplicate", "not_sampled");
        assertThat(registry.find("participant.intents").counters()).allSatisfy(counter ->
                assertThat(counter.getId().getTags()).extracting(tag -> tag.getKey())
                        .containsOnly("context", "side", "result"));
    }

    @Test
    void failsWhenPublishingFailsAndPublishesTheStoredOutcomesOnRedelivery() {
        CloudEvent intent = ClaimIntents.clean();
        Service service = service(false);
        sink.failNext = true;

        assertThatThrownBy(() -> service.handle(intent)).isInstanceOf(OutcomeNotPublishedException.class);
        assertThat(processedIntents.outcomesOf(intent.id())).isPresent();

        service.handle(intent);

        assertThat(sink.published).isEqualTo(processedIntents.outcomesOf(intent.id()).orElseThrow());
        assertThat(sideEffects.ofCorrelation(intent.correlationId())).hasSize(2);
    }

    @Test
    void rejectsAnUnknownPolicyOnBothOutcomesWithoutSideEffects() {
        CloudEvent intent = ClaimIntents.claim(data -> data.put("policyId", "POL-000"));

        service(false).handle(intent);

        assertThat(sink.published).extracting(CloudEvent::outcomeType).containsExactly("ClaimAssessed", "PaymentDecided");
        assertThat(sink.published).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class).reason()).isEqualTo("unknown-policy");
        });
        assertThat(sideEffects.ofCorrelation(intent.correlationId())).isEmpty();
        assertThat(processedIntents.outcomesOf(intent.id())).contains(sink.published);
    }

    @Test
    void rejectsAClaimMissingRequiredFields() {
        CloudEvent intent = ClaimIntents.claim(data -> data.remove("incidentDate"));

        service(false).handle(intent);

        assertThat(sink.published).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("invalid-claim", "incidentDate is required"));
        });
    }

    @Test
    void refusesAnEventOfAnotherTypeAsPoison() {
        CloudEvent golden = ClaimIntents.clean();
        CloudEvent other = CloudEvent.intent(golden.id(), "claims.ClaimWithdrawn.v1", golden.source(), golden.time(),
                golden.correlationId(), "claims", golden.data());

        assertThatThrownBy(() -> service(false).handle(other))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected an intent of type claims.ClaimSubmitted.v1");
        assertThat(sink.published).isEmpty();
        assertThat(processedIntents.outcomesOf(other.id())).isEmpty();
    }

    @Test
    void refusesUndecodableDataAsPoison() {
        CloudEvent intent = ClaimIntents.claim(data -> data.put("claimedAmount", "a lot"));

        assertThatThrownBy(() -> service(false).handle(intent))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data is not a valid ClaimSubmitted");
        assertThat(processedIntents.outcomesOf(intent.id())).isEmpty();
    }

    @Test
    void refusesAnIntentOfAnotherContextAsPoison() {
        CloudEvent golden = ClaimIntents.clean();
        CloudEvent elsewhere = CloudEvent.intent(golden.id(), golden.type(), golden.source(), golden.time(),
                golden.correlationId(), "billing", golden.data());

        assertThatThrownBy(() -> service(false).handle(elsewhere)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void skipsAnIntentOutsideTheSampleWithoutOutcomesOrSideEffects() {
        CloudEvent unsampled = ClaimIntents.clean().withSampled(false);

        service(false).handle(unsampled);

        assertThat(sink.published).isEmpty();
        assertThat(sideEffects.ofCorrelation(unsampled.correlationId())).isEmpty();
        assertThat(processedIntents.outcomesOf(unsampled.id())).isEmpty();
        assertThat(registry.get("participant.intents").tag("result", "not_sampled").counter().count()).isEqualTo(1.0);
    }

    @Test
    void takesTheReportDateFromTheIntentsTimeInUtc() {
        CloudEvent lateEvening = ClaimIntents.claimAt(Instant.parse("2026-11-02T23:59:59.999Z"), data -> { });

        assertThat(ClaimIntentHandler.reportDate(lateEvening)).isEqualTo(LocalDate.parse("2026-11-02"));
    }

    @Test
    void reportsLateReportingAgainstTheIntentsTimeNotTheClock() {
        // incident 2026-05-05, reported 2026-11-02: 181 days; the clock is irrelevant
        CloudEvent late = ClaimIntents.claim(data -> {
            data.put("incidentDate", "2026-05-05");
            data.put("claimedAmount", new BigDecimal("6000.00"));
        });
        clock.advance(Duration.ofDays(-400));

        service(false).handle(late);

        ClaimAssessed assessed = codec.data(sink.published.get(0).data(), ClaimAssessed.class);
        assertThat(assessed.riskReasons()).containsExactly("AMOUNT_OVER_5000", "LATE_REPORTING_180D");
    }

    private double suppressedCount(SideEffectType type) {
        return registry.find("participant.side_effects").tags("side", "shadow", "type", type.name(), "status", "suppressed")
                .counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    private static final class InMemoryProcessedIntents implements ProcessedIntents {
        private final Map<String, List<CloudEvent>> outcomes = new LinkedHashMap<>();

        @Override
        public boolean storeFirst(String intentEventId, String correlationId, List<CloudEvent> published) {
            return outcomes.putIfAbsent(intentEventId, List.copyOf(published)) == null;
        }

        @Override
        public Optional<List<CloudEvent>> outcomesOf(String intentEventId) {
            return Optional.ofNullable(outcomes.get(intentEventId));
        }
    }

    private static final class InMemorySideEffects implements SideEffects {
        private final List<GatedSideEffect> recorded = new ArrayList<>();

        @Override
        public void record(GatedSideEffect sideEffect) {
            if (recorded.stream().anyMatch(existing -> existing.id().equals(sideEffect.id()))) {
                throw new IllegalStateException("side effect recorded twice: " + sideEffect.id());
            }
            recorded.add(sideEffect);
        }

        @Override
        public List<GatedSideEffect> ofCorrelation(String correlationId) {
            return recorded.stream().filter(effect -> effect.correlationId().equals(correlationId))
                    .sorted(Comparator.comparing(GatedSideEffect::createdAt)).toList();
        }
    }

    private static final class RecordingSink implements OutcomePublisher {
        private final List<CloudEvent> published = new ArrayList<>();
        private boolean failNext;

        @Override
        public void publish(List<CloudEvent> outcomes) {
            if (failNext) {
                failNext = false;
                throw new OutcomeNotPublishedException("broker unavailable", new RuntimeException("timeout"));
            }
            published.addAll(outcomes);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
