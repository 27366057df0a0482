package dev.parallelrun.adapter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.claims.PaymentDecided.Direction;
import dev.parallelrun.events.claims.PaymentDecided.LedgerEntry;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.events.pricing.PricingContract;
import dev.parallelrun.participant.ProcessedIntentCleanup;
import dev.parallelrun.participant.ProcessedIntents;
import dev.parallelrun.testsupport.DatabaseOutage;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter end to end: intents on the in-process broker, the real legacy stand-in over HTTP,
 * the processed-intent log in a real PostgreSQL, outcomes and dead letters read back from Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=legacy-adapter",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "legacy-adapter.legacy.read-timeout=500ms",
        "legacy-adapter.legacy.retry.initial-backoff=50ms",
        "legacy-adapter.legacy.retry.max-backoff=100ms",
        "participant.retry.initial-backoff=100ms",
        "participant.retry.max-backoff=200ms",
        // a tiny retry budget (~1 s) and a short wait for a connection: the old handling dead-lettered an intent
        // after these attempts, so an outage longer than them proves that infrastructure failures are never poison
        "participant.retry.max-attempts=2",
        "spring.datasource.hikari.connection-timeout=250"})
@Import({LegacyAdapterIT.CrashAfterTheLegacyCall.class, UpstreamTopics.class})
@ActiveProfiles("local")
class LegacyAdapterIT {

    private static final String INTENTS = ClaimsContract.CLAIM_SUBMITTED.topic();
    private static final String DEAD_LETTERS = Topics.deadLetter(INTENTS);
    private static final String QUOTE_INTENTS = PricingContract.QUOTE_REQUESTED.topic();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static KafkaProbe kafka;
    private static TestDatabases.TestDatabase database;

    private final EventCodec codec = EventCodec.standard();

    @Autowired
    private MeterRegistry meterRegistry;

    @Autowired
    private ProcessedIntentCleanup cleanup;

    @Autowired
    private JdbcClient jdbc;

    @LocalServerPort
    private int port;

    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabases.register(registry, "legacy_adapter");
        registry.add("legacy-adapter.legacy.base-url", LegacyStandIn::url);
    }

    @BeforeEach
    void connect() {
        if (kafka == null) {
            kafka = new KafkaProbe(brokers(), List.of(Topics.OUTCOMES_LEGACY, DEAD_LETTERS));
        }
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Test
    void publishesBothCompletedOutcomesForACleanClaim() {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-77", "1234.65");

        publish(intent);

        List<ConsumerRecord<String, byte[]>> records = outcomesOf(intent, 2);
        assertThat(records).allSatisfy(record -> assertThat(record.key()).isEqualTo(intent.correlationId()));
        CloudEvent assessed = event(records.get(0));
        CloudEvent payment = event(records.get(1));

        assertThat(assessed.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.LEGACY, ClaimsContract.CLAIM_ASSESSED));
        assertThat(assessed.type()).isEqualTo("claims.ClaimAssessed.v1");
        assertThat(assessed.source()).isEqualTo("urn:parallelrun:legacy-adapter");
        assertThat(assessed.causationId()).isEqualTo(intent.id());
        assertThat(assessed.outcomeSide()).isEqualTo(Side.LEGACY);
        assertThat(assessed.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(codec.data(assessed.data(), ClaimAssessed.class)).isEqualTo(new ClaimAssessed(claimId(intent),
                ClaimAssessed.FraudDecision.CLEAR, 10, List.of()));

        assertThat(payment.outcomeType()).isEqualTo(ClaimsContract.PAYMENT_DECIDED);
        assertThat(payment.status()).isEqualTo(OutcomeStatus.COMPLETED);
        // legacy rounds half-up: (1234.65 - 150.00) x 0.90 = 976.185 -> 976.19; 1234.65 x 1.10 = 1358.115 -> 1358.12
        assertThat(codec.data(payment.data(), PaymentDecided.class)).isEqualTo(new PaymentDecided(claimId(intent),
                PaymentDecided.Decision.APPROVED, new BigDecimal("976.19"), new BigDecimal("1358.12"), "EUR", List.of(
                        new LedgerEntry("claims-expense", Direction.DEBIT, new BigDecimal("976.19")),
                        new LedgerEntry("claims-payable", Direction.CREDIT, new BigDecimal("976.19")),
                        new LedgerEntry("claims-reserve", Direction.DEBIT, new BigDecimal("1358.12")),
                        new LedgerEntry("outstanding-claims", Direction.CREDIT, new BigDecimal("1358.12")))));
        assertThat(LegacyStandIn.usage(intent.id())).isEqualTo(new LegacyStandIn.Usage(1, 1));
        // the booking went through the side-effect gate: real, legacy being authoritative before any decision
        assertThat(jdbc.sql("SELECT type || ' ' || status FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(String.class).list()).containsExactly("LEGACY_BOOKING DISPATCHED");
        // and legacy posted it for real, once, with its decision letter
        assertThat(LegacyStandIn.postings(intent.id())).containsExactly("claim " + claimId(intent) + " 976.19");
        assertThat(LegacyStandIn.letters(intent.id())).containsExactly("claim " + claimId(intent) + " CLAIM_DECISION");
    }

    @Test
    void failsBothOutcomesWhenLegacyKeepsAnsweringWithSystemErrors() {
        double retriesBefore = retries("claims");
        CloudEvent intent = intent("CLM-FAIL-" + shortId(), "POL-77", "100.00");

        publish(intent);

        List<ConsumerRecord<String, byte[]>> records = outcomesOf(intent, 2);
        assertThat(records).extracting(record -> event(record).outcomeType())
                .containsExactly(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED);
        assertThat(records).allSatisfy(record -> {
            CloudEvent outcome = event(record);
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("legacy-error", "HTTP 500 after 3 attempts"));
        });
        assertThat(LegacyStandIn.usage(intent.id())).isEqualTo(new LegacyStandIn.Usage(3, 0));
        assertThat(retries("claims") - retriesBefore).isEqualTo(2.0);
        assertThat(meterRegistry.get("legacy.call.failures").tags("context", "claims", "kind", "server-error")
                .counter().count())
                .isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void failsBothOutcomesWithATimeoutWhenLegacyIsTooSlow() {
        CloudEvent intent = intent("CLM-SLOW-" + shortId(), "POL-77", "100.00");

        publish(intent);

        assertThat(outcomesOf(intent, 2)).allSatisfy(record -> {
            CloudEvent outcome = event(record);
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("legacy-timeout", "no answer within PT0.5S after 3 attempts"));
        });
    }

    @Test
    void rejectsBothOutcomesForAnUnknownPolicy() {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-000", "100.00");

        publish(intent);

        assertThat(outcomesOf(intent, 2)).allSatisfy(record -> {
            CloudEvent outcome = event(record);
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                    .isEqualTo(new OutcomeProblem("unknown-policy", "UNKNOWN POLICY POL-000"));
        });
    }

    @Test
    void answersARedeliveredIntentWithTheSameOutcomesAndNoSecondLegacyCall() {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-77", "2500.00");

        publish(intent);
        publish(intent);

        List<ConsumerRecord<String, byte[]>> records = outcomesOf(intent, 4);
        assertThat(records.get(2).value()).isEqualTo(records.get(0).value());
        assertThat(records.get(3).value()).isEqualTo(records.get(1).value());
        assertThat(event(records.get(2)).id()).isEqualTo(event(records.get(0)).id());
        assertThat(event(records.get(3)).id()).isEqualTo(event(records.get(1)).id());
        assertThat(LegacyStandIn.usage(intent.id())).isEqualTo(new LegacyStandIn.Usage(1, 1));
    }

    @Test
    void deadLettersARecordThatIsNotACloudEventAndKeepsProcessingThePartition() {
        String poisonKey = "poison-" + shortId();
        byte[] poison = "this is not a cloud event".getBytes(StandardCharsets.UTF_8);
        CloudEvent next = intent("CLM-" + shortId(), "POL-77", "300.00");

        kafka.send(INTENTS, 1, poisonKey, poison);
        kafka.send(INTENTS, 1, next.correlationId(), codec.write(next));

        ConsumerRecord<String, byte[]> deadLetter = deadLetterWithKey(poisonKey);
        assertThat(deadLetter.partition()).isEqualTo(1);
        assertThat(deadLetter.value()).isEqualTo(poison);
        assertThat(header(deadLetter, Headers.DLQ_REASON)).startsWith("not a valid CloudEvents JSON object");
        assertThat(header(deadLetter, Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(INTENTS);
        assertThat(header(deadLetter, Headers.DLQ_ORIGINAL_PARTITION)).isEqualTo("1");
        assertThat(outcomesOf(next, 2)).allSatisfy(record -> assertThat(event(record).status())
                .isEqualTo(OutcomeStatus.COMPLETED));
    }

    @Test
    void deadLettersAnEventThatIsNoIntentTheAdapterDecides() {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_ASSESSED_LEGACY);
        String key = "wrong-type-" + shortId();
        CloudEvent wrongType = CloudEvent.outcome(UUID.randomUUID().toString(), golden.type(), golden.source(),
                golden.time(), key, golden.causationId(), golden.boundedContext(), Side.LEGACY, golden.outcomeType(),
                OutcomeStatus.COMPLETED, golden.data());

        kafka.send(INTENTS, 2, key, codec.write(wrongType));

        ConsumerRecord<String, byte[]> deadLetter = deadLetterWithKey(key);
        assertThat(deadLetter.partition()).isEqualTo(2);
        assertThat(codec.read(deadLetter.value())).isEqualTo(wrongType);
        // the adapter decides claims and pricing: the kit names both intent types it expected (in no set order)
        assertThat(header(deadLetter, Headers.DLQ_REASON))
                .startsWith("unexpected type claims.ClaimAssessed.v1: expected one of [")
                .contains("claims.ClaimSubmitted.v1", "pricing.QuoteRequested.v1");
    }

    @Test
    void waitsOutADatabaseThatRefusesConnectionsAndAnswersEveryIntentOnceWithoutDeadLetteringAny() {
        List<CloudEvent> intents = List.of(intent("CLM-" + shortId(), "POL-77", "100.00"),
                intent("CLM-" + shortId(), "POL-77", "200.00"), intent("CLM-" + shortId(), "POL-000", "300.00"),
                intent("CLM-" + shortId(), "POL-77", "400.00"), intent("CLM-" + shortId(), "POL-77", "500.00"));
        double refusedBefore = connectionTimeouts();

        DatabaseOutage.refuseConnections(database);
        try {
            intents.forEach(this::publish);
            // far longer than the retry budget: every intent has failed on the database again and again
            await().atMost(PATIENCE).until(() -> connectionTimeouts() - refusedBefore >= 20);
        } finally {
            DatabaseOutage.allowConnections(database);
        }

        for (CloudEvent intent : intents) {
            assertThat(outcomesOf(intent, 2)).extracting(record -> event(record).id()).doesNotHaveDuplicates();
            assertThat(LegacyStandIn.usage(intent.id()).decisions()).isEqualTo(1);
        }
        assertThat(kafka.records(DEAD_LETTERS, record -> intents.stream()
                .anyMatch(intent -> intent.correlationId().equals(record.key())))).isEmpty();
    }

    @Test
    void callsLegacyAgainWithTheSameRequestKeyAfterACrashBetweenTheCallAndTheStoredOutcomesAndLegacyBooksOnce() {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-77", "1234.65");
        CrashAfterTheLegacyCall.once(intent.id());

        publish(intent);

        List<ConsumerRecord<String, byte[]>> records = outcomesOf(intent, 2);
        assertThat(records).allSatisfy(record -> assertThat(event(record).status()).isEqualTo(OutcomeStatus.COMPLETED));
        // called twice with the same key, across a restart of legacy in between: one booking
        assertThat(LegacyStandIn.usage(intent.id())).isEqualTo(new LegacyStandIn.Usage(2, 1));
        assertThat(jdbc.sql("SELECT legacy_request_key || ' ' || attempts FROM processed_intent WHERE intent_event_id = ?")
                .param(intent.id()).query(String.class).single()).isEqualTo(intent.id() + " 2");
    }

    @Test
    void forgetsProcessedIntentsPastTheirRetentionAndKeepsTheRest() {
        Instant now = Instant.now();
        String old = "old-" + shortId();
        String fresh = "fresh-" + shortId();
        for (var entry : Map.of(old, now.minus(Duration.ofDays(15)), fresh, now.minus(Duration.ofDays(13))).entrySet()) {
            jdbc.sql("INSERT INTO processed_intent (intent_event_id, correlation_id, legacy_request_key, outcomes, "
                    + "processed_at, first_attempt_at, received_at) VALUES (?, ?, ?, CAST('[]' AS json), ?, ?, ?)")
                    .params(entry.getKey(), entry.getKey(), entry.getKey(), Timestamp.from(entry.getValue()),
                            Timestamp.from(entry.getValue()), Timestamp.from(entry.getValue())).update();
        }

        assertThat(cleanup.deleteExpired().processedIntents()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("SELECT intent_event_id FROM processed_intent WHERE intent_event_id IN (?, ?)")
                .params(old, fresh).query(String.class).list()).containsExactly(fresh);
    }

    @Test
    void declaresOnlyTheTopicItOwnsWithTheConfiguredPartitions() throws Exception {
        // the intent topic and its dead-letter topic belong to the ingress (here: UpstreamTopics)
        assertThat(context.getBeansOfType(NewTopic.class).values()).extracting(NewTopic::name)
                .containsExactly(Topics.OUTCOMES_LEGACY);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(INTENTS, DEAD_LETTERS,
                    Topics.OUTCOMES_LEGACY)).allTopicNames().get();

            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
    }

    @Test
    void exposesItsMetricsToPrometheus() throws Exception {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-77", "400.00");
        publish(intent);
        outcomesOf(intent, 2);

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "metrics:metrics".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("legacy_call_seconds_count{", "legacy_adapter_outcomes_total{");
    }

    @Test
    void servesTheRecordOfWhatItAskedOfLegacyToAuditorsOnly() throws Exception {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-77", "400.00");
        publish(intent);
        outcomesOf(intent, 2);
        URI record = URI.create("http://localhost:" + port + "/api/v1/side-effects?correlationId=" + intent.correlationId());

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(record).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> scraper = HttpClient.newHttpClient().send(HttpRequest.newBuilder(record)
                .header("Authorization", basic("metrics:metrics")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> auditor = HttpClient.newHttpClient().send(HttpRequest.newBuilder(record)
                .header("Authorization", basic("auditor:auditor")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(scraper.statusCode()).isEqualTo(403);
        assertThat(auditor.statusCode()).isEqualTo(200);
        JsonNode items = codec.mapper().readTree(auditor.body()).get("items");
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("type").asString()).isEqualTo("LEGACY_BOOKING");
            assertThat(item.get("status").asString()).isEqualTo("DISPATCHED");
        });
    }

    private static String basic(String userAndPassword) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(userAndPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void publishesTheCompletedPremiumQuotedOfAQuoteIntentLegacyPriced() {
        CloudEvent intent = quoteIntent("QTE-" + shortId(), "300000.00", "private");

        kafka.send(QUOTE_INTENTS, null, intent.correlationId(), codec.write(intent));

        CloudEvent outcome = event(outcomesOf(intent, 1).get(0));
        assertThat(outcome.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.LEGACY, PricingContract.PREMIUM_QUOTED));
        assertThat(outcome.type()).isEqualTo("pricing.PremiumQuoted.v1");
        assertThat(outcome.boundedContext()).isEqualTo(PricingContract.CONTEXT);
        assertThat(outcome.causationId()).isEqualTo(intent.id());
        assertThat(outcome.outcomeSide()).isEqualTo(Side.LEGACY);
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.COMPLETED);
        // the README's example: the legacy tax, rounded per line, is 101.08 (not 101.07 on the net total)
        PremiumQuoted quoted = codec.data(outcome.data(), PremiumQuoted.class);
        // the stand-in's own reference, generated for this pricing
        assertThat(quoted.quoteReference()).matches("QR[0-9A-F]{12}");
        assertThat(quoted).isEqualTo(new PremiumQuoted(quoteId(intent), quoted.quoteReference(),
                new BigDecimal("633.04"), new BigDecimal("531.96"), "DE-IPT-19", new BigDecimal("101.08"), "EUR",
                List.of("MULTI_PRODUCT", "ONLINE"), Set.of("MULT", "WEB2")));
        assertThat(LegacyStandIn.quoteUsage(intent.id())).isEqualTo(new LegacyStandIn.QuoteUsage(1, 1));
        assertThat(jdbc.sql("SELECT type || ' ' || status FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(String.class).list()).containsExactly("LEGACY_QUOTE DISPATCHED");
        assertThat(LegacyStandIn.postings(intent.id())).containsExactly("quote " + quoteId(intent) + " 633.04");
        assertThat(LegacyStandIn.letters(intent.id())).containsExactly("quote " + quoteId(intent) + " QUOTE");
    }

    @Test
    void asksLegacyToSimulateAClaimWhereTheShadowSideIsAuthoritativeSoLegacyPostsNothing() {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-77", "1234.65").withAuthority(Side.SHADOW, "decision-1");

        publish(intent);

        List<ConsumerRecord<String, byte[]>> records = outcomesOf(intent, 2);
        // legacy still decided, the same way: the comparison goes on after the cutover
        assertThat(records).allSatisfy(record -> assertThat(event(record).status()).isEqualTo(OutcomeStatus.COMPLETED));
        assertThat(codec.data(event(records.get(1)).data(), PaymentDecided.class).paymentAmount())
                .isEqualTo(new BigDecimal("976.19"));
        assertThat(LegacyStandIn.usage(intent.id())).isEqualTo(new LegacyStandIn.Usage(1, 0));
        assertThat(LegacyStandIn.simulations(intent.id())).isOne();
        assertThat(LegacyStandIn.postings(intent.id())).isEmpty();
        assertThat(LegacyStandIn.letters(intent.id())).isEmpty();
        assertThat(jdbc.sql("SELECT type || ' ' || status FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(String.class).list()).containsExactly("LEGACY_BOOKING SUPPRESSED");
    }

    @Test
    void answersAReplayOfAProcessedClaimWithItsStoredLegacyOutcomesWithoutCallingLegacy() {
        CloudEvent original = intent("CLM-" + shortId(), "POL-77", "1234.65");
        publish(original);
        List<CloudEvent> stored = outcomesOf(original, 2).stream().map(this::event).toList();
        CloudEvent replayed = original.replayedAs(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "replay-" + shortId(), ReplayKind.REPLAY, Instant.now());

        publish(replayed);

        List<CloudEvent> answers = outcomesOf(replayed, 2).stream().map(this::event).toList();
        assertThat(answers).zipSatisfy(stored, (answer, legacyAnswer) -> {
            assertThat(answer.id()).isEqualTo(Participant.outcomeId(replayed.id(), Side.LEGACY,
                    legacyAnswer.outcomeType()));
            assertThat(answer.correlationId()).isEqualTo(replayed.correlationId());
            assertThat(answer.causationId()).isEqualTo(replayed.id());
            assertThat(answer.isReplay()).isTrue();
            assertThat(answer.replayId()).isEqualTo(replayed.replayId());
            assertThat(answer.replayKindOrDefault()).isEqualTo(ReplayKind.REPLAY);
            assertThat(answer.outcomeType()).isEqualTo(legacyAnswer.outcomeType());
            assertThat(answer.status()).isEqualTo(OutcomeStatus.COMPLETED);
            assertThat(answer.data()).isEqualTo(legacyAnswer.data());
        });
        // legacy was not asked: nothing under the replay's request key, nothing more under the original's
        assertThat(LegacyStandIn.usage(replayed.id())).isEqualTo(new LegacyStandIn.Usage(0, 0));
        assertThat(LegacyStandIn.simulations(replayed.id())).isZero();
        assertThat(LegacyStandIn.usage(original.id())).isEqualTo(new LegacyStandIn.Usage(1, 1));
        assertThat(LegacyStandIn.postings(original.id())).containsExactly("claim " + claimId(original) + " 976.19");
        assertThat(jdbc.sql("SELECT legacy_request_key FROM processed_intent WHERE intent_event_id = ?")
                .param(replayed.id()).query(String.class).optional()).as("no legacy attempt recorded").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM side_effect WHERE intent_event_id = ?").param(replayed.id())
                .query(Integer.class).single()).isZero();
        assertThat(meterRegistry.get("participant.replays.answered_from_store")
                .tags("context", "claims", "side", "legacy", "found", "true").counter().count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void asksLegacyOnlyToSimulateANoiseReplayOfAClaimItPosted() {
        CloudEvent original = intent("CLM-" + shortId(), "POL-77", "1234.65").withAuthority(Side.LEGACY, "decision-1");
        publish(original);
        outcomesOf(original, 2);
        CloudEvent noise = original.replayedAs(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "noise-" + shortId(), ReplayKind.NOISE, Instant.now());

        publish(noise);

        List<ConsumerRecord<String, byte[]>> records = outcomesOf(noise, 2);
        assertThat(records).allSatisfy(record -> {
            assertThat(event(record).status()).isEqualTo(OutcomeStatus.COMPLETED);
            assertThat(event(record).replayKindOrDefault()).isEqualTo(ReplayKind.NOISE);
        });
        assertThat(LegacyStandIn.usage(noise.id())).isEqualTo(new LegacyStandIn.Usage(1, 0));
        assertThat(LegacyStandIn.simulations(noise.id())).isOne();
        assertThat(LegacyStandIn.postings(noise.id())).isEmpty();
        assertThat(LegacyStandIn.letters(noise.id())).isEmpty();
        assertThat(LegacyStandIn.postings(original.id())).containsExactly("claim " + claimId(original) + " 976.19");
        assertThat(jdbc.sql("SELECT type || ' ' || status FROM side_effect WHERE intent_event_id = ?").param(noise.id())
                .query(String.class).list()).containsExactly("LEGACY_BOOKING SUPPRESSED");
    }

    @Test
    void postsAClaimInLegacyForRealWhereTheStampNamesLegacy() {
        CloudEvent intent = intent("CLM-" + shortId(), "POL-77", "1234.65").withAuthority(Side.LEGACY, "decision-1");

        publish(intent);

        outcomesOf(intent, 2);
        assertThat(LegacyStandIn.usage(intent.id())).isEqualTo(new LegacyStandIn.Usage(1, 1));
        assertThat(LegacyStandIn.simulations(intent.id())).isZero();
        assertThat(LegacyStandIn.postings(intent.id())).containsExactly("claim " + claimId(intent) + " 976.19");
    }

    @Test
    void postsTheFallbackOfASimulatedClaimForRealUnderItsOwnKeyOnce() {
        CloudEvent original = intent("CLM-" + shortId(), "POL-77", "1234.65").withAuthority(Side.SHADOW, "decision-1");
        CloudEvent fallback = original.asFallback(UUID.nameUUIDFromBytes(("fallback|" + original.id())
                .getBytes(StandardCharsets.UTF_8)).toString(), Instant.now());

        publish(original);
        outcomesOf(original, 2);
        publish(fallback);
        publish(fallback);

        List<ConsumerRecord<String, byte[]>> records = outcomesOf(original, 6);
        assertThat(records.subList(2, 6)).allSatisfy(record -> {
            assertThat(event(record).isFallback()).isTrue();
            assertThat(event(record).status()).isEqualTo(OutcomeStatus.COMPLETED);
        });
        assertThat(LegacyStandIn.postings(original.id())).isEmpty();
        assertThat(LegacyStandIn.postings(fallback.id())).containsExactly("claim " + claimId(original) + " 976.19");
        assertThat(LegacyStandIn.letters(fallback.id())).containsExactly("claim " + claimId(original) + " CLAIM_DECISION");
        assertThat(jdbc.sql("SELECT status FROM side_effect WHERE intent_event_id = ?").param(fallback.id())
                .query(String.class).list()).containsExactly("DISPATCHED");
    }

    @Test
    void asksLegacyToSimulateAQuoteWhereTheShadowSideIsAuthoritativeSoLegacyPostsNothing() {
        CloudEvent intent = quoteIntent("QTE-" + shortId(), "300000.00", "private").withAuthority(Side.SHADOW, "decision-1");

        kafka.send(QUOTE_INTENTS, null, intent.correlationId(), codec.write(intent));

        CloudEvent outcome = event(outcomesOf(intent, 1).get(0));
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(codec.data(outcome.data(), PremiumQuoted.class).grossPremium()).isEqualTo(new BigDecimal("633.04"));
        assertThat(codec.data(outcome.data(), PremiumQuoted.class).quoteReference()).matches("QR[0-9A-F]{12}");
        assertThat(LegacyStandIn.quoteUsage(intent.id())).isEqualTo(new LegacyStandIn.QuoteUsage(1, 0));
        assertThat(LegacyStandIn.quoteSimulations(intent.id())).isOne();
        assertThat(LegacyStandIn.postings(intent.id())).isEmpty();
        assertThat(LegacyStandIn.letters(intent.id())).isEmpty();
        assertThat(jdbc.sql("SELECT type || ' ' || status FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(String.class).list()).containsExactly("LEGACY_QUOTE SUPPRESSED");
    }

    @Test
    void rejectsAQuoteLegacyDeclinesAsNotInsurable() {
        CloudEvent intent = quoteIntent("QTE-" + shortId(), "5000000.00", "private");

        kafka.send(QUOTE_INTENTS, null, intent.correlationId(), codec.write(intent));

        CloudEvent outcome = event(outcomesOf(intent, 1).get(0));
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                .isEqualTo(new OutcomeProblem("uninsurable", "RISK NOT INSURABLE"));
        assertThat(jdbc.sql("SELECT count(*) FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void rejectsAQuoteLegacyRefusesToPriceAsSentAsAnInvalidRequestWithoutRetrying() {
        CloudEvent intent = quoteIntent("QTE-" + shortId(), "300000.00", "");

        kafka.send(QUOTE_INTENTS, null, intent.correlationId(), codec.write(intent));

        CloudEvent outcome = event(outcomesOf(intent, 1).get(0));
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(codec.data(outcome.data(), OutcomeProblem.class).reason()).isEqualTo("invalid-request");
        assertThat(codec.data(outcome.data(), OutcomeProblem.class).detail()).startsWith("INVALID SEG");
        assertThat(LegacyStandIn.quoteUsage(intent.id()).calls()).isOne();
    }

    @Test
    void failsAQuoteAfterTheBoundedRetriesWhenLegacyKeepsAnsweringWithSystemErrors() {
        double retriesBefore = retries("pricing");
        CloudEvent intent = quoteIntent("QTE-FAIL-" + shortId(), "300000.00", "private");

        kafka.send(QUOTE_INTENTS, null, intent.correlationId(), codec.write(intent));

        CloudEvent outcome = event(outcomesOf(intent, 1).get(0));
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(codec.data(outcome.data(), OutcomeProblem.class))
                .isEqualTo(new OutcomeProblem("legacy-error", "HTTP 500 after 3 attempts"));
        assertThat(LegacyStandIn.quoteUsage(intent.id())).isEqualTo(new LegacyStandIn.QuoteUsage(3, 0));
        assertThat(retries("pricing") - retriesBefore).isEqualTo(2.0);
    }

    @Test
    void decidesClaimsAndQuotesSideBySideInOneAdapter() {
        CloudEvent claim = intent("CLM-" + shortId(), "POL-77", "100.00");
        CloudEvent quote = quoteIntent("QTE-" + shortId(), "300000.00", "private");

        publish(claim);
        kafka.send(QUOTE_INTENTS, null, quote.correlationId(), codec.write(quote));

        assertThat(outcomesOf(claim, 2)).extracting(record -> event(record).outcomeType())
                .containsExactly(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED);
        assertThat(outcomesOf(quote, 1)).extracting(record -> event(record).outcomeType())
                .containsExactly(PricingContract.PREMIUM_QUOTED);
        assertThat(LegacyStandIn.usage(claim.id())).isEqualTo(new LegacyStandIn.Usage(1, 1));
        assertThat(LegacyStandIn.quoteUsage(quote.id())).isEqualTo(new LegacyStandIn.QuoteUsage(1, 1));
    }

    private double retries(String context) {
        return meterRegistry.get("legacy.call.retries").tag("context", context).counter().count();
    }

    /** A quote intent like the golden {@code quote-requested.json}, with its own ids, quote, sum and segment. */
    private CloudEvent quoteIntent(String quoteId, String insuredSum, String segment) {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED);
        ObjectNode data = ((ObjectNode) golden.data().deepCopy())
                .put("quoteId", quoteId)
                .put("insuredSum", new BigDecimal(insuredSum))
                .put("customerSegment", segment);
        return CloudEvent.intent(UUID.randomUUID().toString(), golden.type(), golden.source(), golden.time(),
                UUID.randomUUID().toString(), golden.boundedContext(), data);
    }

    private static String quoteId(CloudEvent intent) {
        return intent.data().get("quoteId").asString();
    }

    private double connectionTimeouts() {
        return meterRegistry.find("hikaricp.connections.timeout").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /**
     * Simulates a crash of the adapter after legacy answered and before the outcomes are stored, with legacy restarted
     * meanwhile: the stored-outcomes step fails once for the chosen intent, after restarting the stand-in.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class CrashAfterTheLegacyCall {

        private static final Set<String> CRASH_ONCE = ConcurrentHashMap.newKeySet();

        static void once(String intentEventId) {
            CRASH_ONCE.add(intentEventId);
        }

        @Bean
        @Primary
        ProcessedIntents crashingOnceProcessedIntents(@Qualifier("processedIntents") ProcessedIntents jdbc) {
            return new ProcessedIntents() {
                @Override
                public Optional<List<CloudEvent>> outcomesOf(String intentEventId) {
                    return jdbc.outcomesOf(intentEventId);
                }

                @Override
                public boolean storeFirst(String intentEventId, String correlationId, List<CloudEvent> outcomes) {
                    if (CRASH_ONCE.remove(intentEventId)) {
                        LegacyStandIn.restart();
                        throw new IllegalStateException("simulated crash between the legacy call and the stored outcomes");
                    }
                    return jdbc.storeFirst(intentEventId, correlationId, outcomes);
                }
            };
        }
    }

    /** An intent like the golden {@code claim-submitted.json}, with its own ids, claim, policy and amount. */
    private CloudEvent intent(String claimId, String policyId, String amount) {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        ObjectNode data = ((ObjectNode) golden.data().deepCopy())
                .put("claimId", claimId)
                .put("policyId", policyId)
                .put("claimedAmount", new BigDecimal(amount));
        return CloudEvent.intent(UUID.randomUUID().toString(), golden.type(), golden.source(), golden.time(),
                UUID.randomUUID().toString(), golden.boundedContext(), data);
    }

    private void publish(CloudEvent intent) {
        kafka.send(INTENTS, null, intent.correlationId(), codec.write(intent));
    }

    private List<ConsumerRecord<String, byte[]>> outcomesOf(CloudEvent intent, int expected) {
        return await().atMost(PATIENCE).pollInSameThread()
                .until(() -> kafka.records(Topics.OUTCOMES_LEGACY,
                        record -> intent.correlationId().equals(record.key())), records -> records.size() >= expected);
    }

    private ConsumerRecord<String, byte[]> deadLetterWithKey(String key) {
        return await().atMost(PATIENCE).pollInSameThread()
                .until(() -> kafka.records(DEAD_LETTERS, record -> key.equals(record.key())), records -> !records.isEmpty())
                .get(0);
    }

    private CloudEvent event(ConsumerRecord<String, byte[]> record) {
        return codec.read(record.value());
    }

    private static String claimId(CloudEvent intent) {
        return intent.data().get("claimId").asString();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String brokers() {
        return System.getProperty("spring.embedded.kafka.brokers");
    }
}
