package dev.parallelrun.ingress.intent.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.ingress.authority.application.AuthorityNotKnownException;
import dev.parallelrun.ingress.authority.application.IntentAuthority;
import dev.parallelrun.ingress.authority.domain.DecisionsInForce;
import dev.parallelrun.ingress.channel.domain.Channel;
import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.intent.schema.ShippedSchemas;
import dev.parallelrun.ingress.intent.schema.UnknownIntentTypeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

class IntentIntakeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:15:30Z"), ZoneOffset.UTC);
    private static final Channel PORTAL = new Channel("web-portal", Set.of());

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final TransactionalRecords records = new TransactionalRecords();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static final IntentCatalog CATALOG = IntentCatalog.of(List.of(ShippedSchemas.claimSubmitted(CLOCK)));

    private final DecisionsInForce decisions = new DecisionsInForce();
    private final IntentAuthority authority = caughtUp(new IntentAuthority(decisions, registry));
    private final IntentIntake intake = intake(IntentSampling.ALL);

    private IntentIntake intake(IntentSampling sampling) {
        return intake(sampling, authority);
    }

    private IntentIntake intake(IntentSampling sampling, IntentAuthority intentAuthority) {
        return new IntentIntake(CATALOG, publisher, records, records, new TransactionTemplate(records),
                new IngressMetrics(registry), sampling, IntentDataProtection.NONE, intentAuthority, CLOCK);
    }

    private static IntentAuthority caughtUp(IntentAuthority intentAuthority) {
        intentAuthority.markCaughtUp();
        return intentAuthority;
    }

    @Test
    void stampsTheAuthoritativeSideAndTheDecisionOfTheIntentsContext() {
        authority.decided(new AuthorityDecided("decision-3", "claims", AuthorityStage.SELECTIVE,
                List.of(new Cohort("motor", "DE", null)), Instant.parse("2026-11-02T09:00:00Z"), "admin"));
        ObjectNode home = claim();
        home.put("productLine", "home");

        intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, null));
        intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", home, null, null));

        assertThat(publisher.sent).extracting(sent -> sent.event().authority()).containsExactly("shadow", "legacy");
        assertThat(publisher.sent).extracting(sent -> sent.event().authorityDecision())
                .containsExactly("decision-3", "decision-3");
    }

    @Test
    void stampsNothingWhileTheContextHasNoDecision() {
        authority.decided(new AuthorityDecided("decision-1", "pricing", AuthorityStage.FULL, List.of(),
                Instant.parse("2026-11-02T09:00:00Z"), "admin"));

        intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, null));

        assertThat(publisher.sent).singleElement().satisfies(sent -> {
            assertThat(sent.event().authority()).isNull();
            assertThat(sent.event().authorityDecision()).isNull();
        });
    }

    @Test
    void acceptsNoIntentBeforeTheDecisionsInForceAreRead() {
        IntentIntake starting = intake(IntentSampling.ALL, new IntentAuthority(new DecisionsInForce(), registry));

        assertThatThrownBy(() -> starting.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, "key-9")))
                .isInstanceOf(AuthorityNotKnownException.class);
        assertThat(publisher.sent).isEmpty();
        assertThat(records.find("web-portal", "key-9")).isEmpty();
    }

    @Test
    void neverSamplesOutAnIntentTheNewServiceIsAuthoritativeFor() {
        authority.decided(new AuthorityDecided("decision-4", "claims", AuthorityStage.SELECTIVE,
                List.of(new Cohort("motor", "DE", null)), Instant.parse("2026-11-02T09:00:00Z"), "admin"));
        IntentIntake nothingSampled = intake((type, correlationId) -> false, authority);
        ObjectNode home = claim();
        home.put("productLine", "home");

        nothingSampled.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, null));
        nothingSampled.accept(new IntentRequest(PORTAL, "ClaimSubmitted", home, null, null));

        assertThat(publisher.sent).extracting(sent -> sent.event().authority()).containsExactly("shadow", "legacy");
        assertThat(publisher.sent).extracting(sent -> sent.event().inSample()).containsExactly(true, false);
    }

    @Test
    void stampsSampledFalseOnAnIntentThatSamplingLeavesOut() {
        IntentIntake sampledOut = intake((type, correlationId) -> !correlationId.equals("order-out"));

        sampledOut.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-out", null));
        sampledOut.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-in", null));

        assertThat(publisher.sent).extracting(sent -> sent.event().sampled()).containsExactly(false, null);
        assertThat(publisher.sent).extracting(sent -> sent.event().inSample()).containsExactly(false, true);
        assertThat(registry.get(IngressMetrics.SAMPLED).tags("context", "claims", "intent", "ClaimSubmitted",
                "sampled", "false").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(IngressMetrics.SAMPLED).tags("context", "claims", "intent", "ClaimSubmitted",
                "sampled", "true").counter().count()).isEqualTo(1.0);
    }

    @Test
    void publishesAnIntentKeyedByItsCorrelationId() {
        AcceptedIntent accepted = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, null));

        assertThat(publisher.sent).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("intents.claims.v1");
            assertThat(sent.key()).isEqualTo(accepted.correlationId());
            assertThat(sent.event().id()).isEqualTo(accepted.eventId());
            assertThat(sent.event().type()).isEqualTo("claims.ClaimSubmitted.v1");
            assertThat(sent.event().source()).isEqualTo("urn:parallelrun:ingress:channel:web-portal");
            assertThat(sent.event().boundedContext()).isEqualTo("claims");
            assertThat(sent.event().time()).isEqualTo(CLOCK.instant());
            assertThat(sent.event().data()).isEqualTo(claim());
        });
        assertThat(accepted.type()).isEqualTo("claims.ClaimSubmitted.v1");
        assertThat(accepted.replayed()).isFalse();
        assertThat(registry.get(IngressMetrics.ACCEPTED).tags("type", "claims.ClaimSubmitted.v1", "replayed", "false")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get(IngressMetrics.ACCEPTED).tags("type", "claims.ClaimSubmitted.v1", "replayed", "true")
                .counter().count()).isZero();
        assertThat(registry.get(IngressMetrics.PUBLISH).tag("outcome", "acknowledged").timer().count()).isEqualTo(1);
    }

    @Test
    void keepsTheChannelsCorrelationId() {
        AcceptedIntent accepted = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-42", null));

        assertThat(accepted.correlationId()).isEqualTo("order-42");
        assertThat(publisher.sent.get(0).event().correlationId()).isEqualTo("order-42");
    }

    @Test
    void answersARetryWithTheFirstResponseWithoutPublishingAgain() {
        AcceptedIntent first = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, "key-1"));
        AcceptedIntent retry = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "ignored", "key-1"));

        assertThat(retry).isEqualTo(new AcceptedIntent(first.correlationId(), first.eventId(), first.type(), true));
        assertThat(publisher.sent).hasSize(1);
    }

    @Test
    void refusesAKeyReusedForAnotherBody() {
        intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, "key-1"));
        ObjectNode other = claim();
        other.put("claimId", "CLM-2002");

        assertThatThrownBy(() -> intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", other, null, "key-1")))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(publisher.sent).hasSize(1);
    }

    @Test
    void scopesKeysToTheChannel() {
        Channel centre = new Channel("call-centre", Set.of());
        AcceptedIntent portal = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, "key-1"));
        AcceptedIntent fromCentre = intake.accept(new IntentRequest(centre, "ClaimSubmitted", claim(), null, "key-1"));

        assertThat(fromCentre.eventId()).isNotEqualTo(portal.eventId());
        assertThat(publisher.sent).hasSize(2);
    }

    @Test
    void leavesNoRecordWhenTheBrokerDoesNotAcknowledgeAndRepublishesTheSameEventIdOnRetry() {
        publisher.failNext = true;
        assertThatThrownBy(() -> intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, "key-1")))
                .isInstanceOf(IntentNotDurableException.class);
        assertThat(records.committed).isEmpty();
        assertThat(registry.get(IngressMetrics.PUBLISH).tag("outcome", "failed").timer().count()).isEqualTo(1);

        AcceptedIntent retry = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), null, "key-1"));

        assertThat(retry.replayed()).isFalse();
        assertThat(publisher.attempted).extracting(CloudEvent::id).containsExactly(retry.eventId(), retry.eventId());
        assertThat(publisher.attempted).extracting(CloudEvent::correlationId)
                .containsExactly(retry.correlationId(), retry.correlationId());
        assertThat(records.committed).containsKey("web-portal/key-1");
    }

    @Test
    void refusesACorrelationIdAnotherIntentUsesFromAnyChannelAndPublishesNothing() {
        intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-42", null));
        ObjectNode other = claim();
        other.put("claimId", "CLM-2002");
        Channel centre = new Channel("call-centre", Set.of());

        assertThatThrownBy(() -> intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", other, "order-42", null)))
                .isInstanceOf(CorrelationIdConflictException.class);
        assertThatThrownBy(() -> intake.accept(new IntentRequest(centre, "ClaimSubmitted", other, "order-42", "key-9")))
                .isInstanceOf(CorrelationIdConflictException.class);
        assertThat(publisher.attempted).hasSize(1);
        assertThat(records.committed).isEmpty(); // the refused idempotent request left no record behind
    }

    @Test
    void answersAnIdempotentRetryWithAClaimedCorrelationIdWithTheFirstResponse() {
        AcceptedIntent first = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-42", "key-1"));
        AcceptedIntent retry = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-42", "key-1"));

        assertThat(retry).isEqualTo(new AcceptedIntent("order-42", first.eventId(), first.type(), true));
        assertThat(publisher.sent).hasSize(1);
    }

    @Test
    void releasesTheCorrelationIdWhenTheBrokerDoesNotAcknowledgeAndRetriesTheSameEvent() {
        publisher.failNext = true;
        assertThatThrownBy(() -> intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-42", null)))
                .isInstanceOf(IntentNotDurableException.class);

        AcceptedIntent retry = intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim(), "order-42", null));

        assertThat(publisher.attempted).extracting(CloudEvent::id).containsExactly(retry.eventId(), retry.eventId());
        assertThat(records.claimed).containsEntry("order-42", retry.eventId());
    }

    @Test
    void refusesAnInvalidBodyWithEveryViolationAndPublishesNothing() {
        ObjectNode claim = claim();
        claim.remove("claimId");
        claim.put("currency", "EURO");

        assertThatThrownBy(() -> intake.accept(new IntentRequest(PORTAL, "ClaimSubmitted", claim, null, "key-1")))
                .isInstanceOfSatisfying(IntentRejectedException.class, e -> assertThat(e.violations())
                        .extracting(violation -> violation.pointer()).containsExactlyInAnyOrder("/claimId", "/currency"));
        assertThat(publisher.attempted).isEmpty();
        assertThat(records.committed).isEmpty();
    }

    @Test
    void refusesAnUnknownIntentType() {
        assertThatThrownBy(() -> intake.accept(new IntentRequest(PORTAL, "ClaimWithdrawn", claim(), null, null)))
                .isInstanceOf(UnknownIntentTypeException.class);
        assertThat(publisher.attempted).isEmpty();
    }

    @Test
    void refusesAnIntentTypeTheChannelMayNotPost() {
        Channel restricted = new Channel("call-centre", Set.of("PolicyRenewed"));

        assertThatThrownBy(() -> intake.accept(new IntentRequest(restricted, "ClaimSubmitted", claim(), null, null)))
                .isInstanceOf(IntentNotPermittedException.class);
        assertThat(publisher.attempted).isEmpty();
    }

    private static ObjectNode claim() {
        return (ObjectNode) GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data().deepCopy();
    }

    private record Sent(String topic, String key, CloudEvent event) {
    }

    private static final class RecordingPublisher implements IntentPublisher {
        final List<Sent> sent = new ArrayList<>();
        final List<CloudEvent> attempted = new ArrayList<>();
        boolean failNext;

        @Override
        public void publish(String topic, String key, CloudEvent event) {
            // round-trip through the codec, as the wire would
            CloudEvent onTheWire = EventCodec.standard().read(EventCodec.standard().write(event));
            attempted.add(onTheWire);
            if (failNext) {
                failNext = false;
                throw new IntentNotDurableException("broker unreachable", null);
            }
            sent.add(new Sent(topic, key, onTheWire));
        }
    }

    /** Records that become visible on commit and vanish on rollback, like the database's. */
    private static final class TransactionalRecords implements IdempotencyRecords, CorrelationClaims,
            PlatformTransactionManager {
        final Map<String, IdempotencyRecord> committed = new HashMap<>();
        final Map<String, IdempotencyRecord> pending = new HashMap<>();
        final Map<String, String> claimed = new HashMap<>();
        final Map<String, String> pendingClaims = new HashMap<>();

        @Override
        public String claim(String correlationId, String eventId, String channel, Instant at) {
            String holder = pendingClaims.getOrDefault(correlationId, claimed.get(correlationId));
            if (holder != null) {
                return holder;
            }
            pendingClaims.put(correlationId, eventId);
            return eventId;
        }

        @Override
        public int deleteClaimedBefore(Instant instant) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> insertIfAbsentAndClaim(IdempotencyRecord record) {
            String id = record.channel() + "/" + record.idempotencyKey();
            if (committed.containsKey(id) || pending.containsKey(id)) {
                return Optional.empty();
            }
            pending.put(id, record);
            return Optional.of(claim(record.correlationId(), record.eventId(), record.channel(), record.createdAt()));
        }

        @Override
        public Optional<IdempotencyRecord> find(String channel, String idempotencyKey) {
            String id = channel + "/" + idempotencyKey;
            return Optional.ofNullable(pending.getOrDefault(id, committed.get(id)));
        }

        @Override
        public int deleteCreatedBefore(Instant instant) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            committed.putAll(pending);
            pending.clear();
            claimed.putAll(pendingClaims);
            pendingClaims.clear();
        }

        @Override
        public void rollback(TransactionStatus status) {
            pending.clear();
            pendingClaims.clear();
        }
    }

}
