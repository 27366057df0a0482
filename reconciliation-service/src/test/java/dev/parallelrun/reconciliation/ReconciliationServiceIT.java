package dev.parallelrun.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "reconciliation.correlation.contexts.claims.window=3s",
        "reconciliation.correlation.contexts.claims.grace=1m"})
@ActiveProfiles("local")
// closed after the class, while the shared broker is still up, so clients shut down cleanly
@DirtiesContext
@Import(UpstreamTopics.class)
class ReconciliationServiceIT {

    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "reconciliation");
        String stateDir = Files.createTempDirectory("reconciliation-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    @Qualifier("authoritativeStreamCounter")
    MessageListenerContainer authoritativeStreamCounter;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Participant legacy = new Participant(Side.LEGACY, "urn:test:legacy", Clock.systemUTC(), codec);
    private final Participant shadow = new Participant(Side.SHADOW, "urn:test:shadow", Clock.systemUTC(), codec);

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.embedded.kafka.brokers"),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void storesAMatchAndServesItToAuditors() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));

        JsonNode transaction = awaitTransaction(intent.correlationId(), 1);

        JsonNode verdict = transaction.get("verdicts").get(0);
        assertThat(verdict.get("classification").asString()).isEqualTo("MATCH");
        assertThat(verdict.get("severity").asString()).isEqualTo("NONE");
        assertThat(verdict.get("outcomeType").asString()).isEqualTo("ClaimAssessed");
        assertThat(verdict.get("ruleSetVersion").asString()).startsWith("claims-1@sha256:");
        assertThat(verdict.get("legacy").get("fraudDecision").asString()).isEqualTo("CLEAR");
        assertThat(verdict.get("legacyReceivedAt").asString()).endsWith("Z");
        assertThat(verdict.get("history")).isEmpty();
    }

    @Test
    void classifiesWithTheClaimsRulesAndNamesTheRuleSetThatDecided() throws Exception {
        CloudEvent rounding = newIntent();
        publish(legacy.completed(rounding, ClaimsContract.PAYMENT_DECIDED, payment("976.19")));
        publish(shadow.completed(rounding, ClaimsContract.PAYMENT_DECIDED, payment("976.18")));
        CloudEvent reasons = newIntent();
        publish(legacy.completed(reasons, ClaimsContract.CLAIM_ASSESSED,
                new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.REVIEW, 45, List.of("SUSPICIOUS_DESCRIPTION"))));
        publish(shadow.completed(reasons, ClaimsContract.CLAIM_ASSESSED,
                new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.REVIEW, 45, List.of("KEYWORD_STOLEN"))));
        CloudEvent decision = newIntent();
        publish(legacy.completed(decision, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(decision, ClaimsContract.CLAIM_ASSESSED,
                new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.REVIEW, 50, List.of("SAME_DAY_HIGH_VALUE"))));

        JsonNode tolerated = awaitClassification(rounding.correlationId(), "TOLERATED");
        JsonNode expected = awaitClassification(reasons.correlationId(), "EXPECTED_DIFFERENCE");
        JsonNode mismatch = awaitClassification(decision.correlationId(), "MISMATCH");

        assertThat(tolerated.get("severity").asString()).isEqualTo("NONE");
        assertThat(tolerated.get("differences").get(0).get("comparator").asString()).isEqualTo("rounding");
        assertThat(tolerated.get("differences").get(0).get("withinTolerance").asBoolean()).isTrue();
        assertThat(expected.get("differences").get(0).get("comparator").asString())
                .isEqualTo("unordered+variance:fraud-model-v2-granular-reasons");
        assertThat(mismatch.get("severity").asString()).isEqualTo("CRITICAL");
        for (JsonNode verdict : List.of(tolerated, expected, mismatch)) {
            Response ruleSet = get("/api/v1/rule-sets/" + verdict.get("ruleSetVersion").asString(), "auditor");
            assertThat(ruleSet.status()).isEqualTo(200);
            assertThat(ruleSet.body().get("context").asString()).isEqualTo("claims");
            assertThat(ruleSet.body().get("content").asString()).contains("fraud-model-v2-granular-reasons");
        }
    }

    @Test
    void storesNoPersonalDataButComparesTheRealValues() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, Map.of("claimId", "CLM-1001",
                "fraudDecision", "CLEAR", "riskScore", 10, "riskReasons", List.of(),
                "claimant", Map.of("name", "Erika Mustermann", "email", "erika@example.org"))));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, Map.of("claimId", "CLM-1001",
                "fraudDecision", "CLEAR", "riskScore", 10, "riskReasons", List.of(),
                "claimant", Map.of("name", "Erika Mustermann", "email", "erika.m@example.org"))));

        JsonNode verdict = awaitClassification(intent.correlationId(), "MISMATCH");

        assertThat(verdict.get("differences")).singleElement().satisfies(d -> {
            assertThat(d.get("path").asString()).isEqualTo("/claimant/email");
            assertThat(d.get("legacy").asString()).startsWith("hmac-sha256:");
        });
        assertThat(verdict.get("legacy").get("claimant").get("name").asString()).isEqualTo("***");
        String stored = jdbc.queryForObject("SELECT differences::text || legacy_outcome::text || shadow_outcome::text "
                + "FROM verdict WHERE correlation_id = ?", String.class, intent.correlationId());
        assertThat(stored).doesNotContain("erika", "Mustermann");
    }

    @Test
    void servesTheRuleSetsInForceAndEveryStoredOne() throws Exception {
        JsonNode list = get("/api/v1/rule-sets", "auditor").body();

        JsonNode claims = null;
        for (JsonNode item : list.get("items")) {
            if (item.get("context").asString().equals("claims")) {
                claims = item;
            }
        }
        assertThat(claims).isNotNull();
        assertThat(claims.get("active").asBoolean()).isTrue();
        assertThat(claims.get("declaredVersion").asString()).isEqualTo("claims-1");
        assertThat(claims.get("version").asString()).isEqualTo("claims-1@sha256:" + claims.get("contentSha256").asString().substring(0, 8));
        assertThat(claims.get("source").asString()).isEqualTo("classpath:rules/claims.yml");
        JsonNode detail = get("/api/v1/rule-sets/" + claims.get("version").asString(), "operator").body();
        assertThat(detail.get("definition").get("outcomeTypes").has("PaymentDecided")).isTrue();
        assertThat(detail.get("activations")).isNotEmpty();
        assertThat(detail.get("activatedAt").asString()).endsWith("Z");
    }

    @Test
    void keepsStoredRuleSetsImmutable() {
        String version = jdbc.queryForObject("SELECT version FROM rule_set WHERE context = 'claims' LIMIT 1", String.class);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                "UPDATE rule_set SET content = 'changed' WHERE version = ?", version))
                .hasMessageContaining("rule sets and their activations are immutable");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("DELETE FROM rule_set WHERE version = ?", version))
                .hasMessageContaining("immutable");
    }

    @Test
    void everyStoredVerdictNamesAStoredRuleSet() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitTransaction(intent.correlationId(), 1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM verdict v WHERE NOT EXISTS "
                + "(SELECT 1 FROM rule_set r WHERE r.version = v.rule_set_version)", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM verdict", Long.class)).isPositive();
    }

    @Test
    void supersedesAMissingVerdictWhenTheLateSideArrivesAndKeepsTheHistory() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitClassification(intent.correlationId(), "MISSING_SHADOW");

        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));

        JsonNode verdict = awaitClassification(intent.correlationId(), "TIMING");
        assertThat(verdict.get("revision").asInt()).isEqualTo(2);
        assertThat(verdict.get("history")).hasSize(1);
        assertThat(verdict.get("history").get(0).get("classification").asString()).isEqualTo("MISSING_SHADOW");
    }

    @Test
    void replayingTheVerdictTopicNeverDuplicatesARecord() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitTransaction(intent.correlationId(), 1);
        byte[] verdictEvent = readVerdictEvent(intent.correlationId());

        producer.send(new ProducerRecord<>(Topics.VERDICTS, intent.correlationId(), verdictEvent)).get();
        producer.send(new ProducerRecord<>(Topics.VERDICTS, intent.correlationId(), verdictEvent)).get();
        CloudEvent marker = newIntent();
        publish(legacy.completed(marker, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(marker, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitTransaction(marker.correlationId(), 1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM verdict WHERE correlation_id = ?", Long.class,
                intent.correlationId())).isEqualTo(1);
    }

    @Test
    void deadLettersARecordOnTheVerdictTopicThatIsNotAVerdictAndKeepsStoring() throws Exception {
        String key = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>(Topics.VERDICTS, key, "garbage".getBytes(StandardCharsets.UTF_8))).get();
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));

        awaitTransaction(intent.correlationId(), 1);
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.VERDICTS)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var found = false;
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
                        assertThat(new String(record.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
                                .contains("not a valid CloudEvents JSON object");
                        found = true;
                    }
                }
                assertThat(found).isTrue();
            });
        }
    }

    @Test
    void listsVerdictsNewestFirstWithFiltersAndAWorkingCursor() throws Exception {
        CloudEvent first = newIntent();
        CloudEvent second = newIntent();
        for (CloudEvent intent : List.of(first, second)) {
            publish(legacy.completed(intent, ClaimsContract.PAYMENT_DECIDED, Map.of("paymentAmount", 10.00)));
            publish(shadow.completed(intent, ClaimsContract.PAYMENT_DECIDED, Map.of("paymentAmount", 10.01)));
            awaitTransaction(intent.correlationId(), 1);
        }

        JsonNode page = get("/api/v1/reconciliations?classification=MISMATCH&outcomeType=PaymentDecided&limit=1", "auditor").body();
        JsonNode next = get("/api/v1/reconciliations?classification=MISMATCH&outcomeType=PaymentDecided&limit=1&cursor="
                + page.get("nextCursor").asString(), "auditor").body();

        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("correlationId").asString()).isEqualTo(second.correlationId());
        assertThat(page.get("items").get(0).get("differences").get(0).get("path").asString()).isEqualTo("/paymentAmount");
        assertThat(next.get("items").get(0).get("correlationId").asString()).isEqualTo(first.correlationId());
    }

    @Test
    void reportsMatchRatesPerContextAndOutcomeType() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitTransaction(intent.correlationId(), 1);
        CloudEvent failed = newIntent();
        publish(legacy.failed(failed, ClaimsContract.CLAIM_ASSESSED, "legacy-timeout", "no answer"));
        publish(shadow.completed(failed, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitClassification(failed.correlationId(), "FAILED");

        // verdicts of other tests may still be landing: compare one consistent reading of API and table
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode rates = get("/api/v1/match-rates?context=claims&window=PT1H", "operator").body();
            JsonNode assessed = null;
            for (JsonNode rate : rates) {
                if (rate.get("outcomeType").asString().equals("ClaimAssessed")) {
                    assessed = rate;
                }
            }
            assertThat(assessed).isNotNull();
            long agree = assessed.get("agree").asLong();
            long disagree = assessed.get("disagree").asLong();
            long excluded = assessed.get("excluded").asLong();
            assertThat(agree).isPositive();
            assertThat(excluded).isPositive();
            assertThat(assessed.get("matchRate").asDouble()).isEqualTo((double) agree / (agree + disagree));
            long[] buckets = new long[3];
            for (var row : jdbc.queryForList("SELECT classification, count(*) AS n FROM verdict WHERE superseded_by IS NULL "
                    + "AND context = 'claims' AND outcome_type = 'ClaimAssessed' GROUP BY classification")) {
                buckets[Classification.valueOf((String) row.get("classification")).bucket().ordinal()]
                        += ((Number) row.get("n")).longValue();
            }
            assertThat(new long[] {agree, disagree, excluded}).containsExactly(buckets);
            assertThat(assessed.get("countedVerdicts").asLong()).isEqualTo(agree + disagree);
            assertThat(assessed.get("unsampledIntents").asLong()).isEqualTo(jdbc.queryForObject(
                    "SELECT count(*) FROM unsampled_intent WHERE context = 'claims' AND accepted_at >= now() - interval '1 hour'",
                    Long.class));
        });
    }

    @Test
    void publishesExactlyOneAuthoritativeOutcomePerPairReadCommittedAndCountsTheFallback() throws Exception {
        ContainerTestUtils.waitForAssignment(authoritativeStreamCounter, 6); // it starts at the end of its topics
        double fallbacksBefore = count("parallelrun.fallbacks", "reason", "failed");
        double shadowTruthsBefore = count("parallelrun.authoritative.outcomes", "side", "shadow", "status", "completed");
        // accepted now: the claims window here is 3 s of event time, and each side answers at once
        CloudEvent legacyAuthoritative = intentAcceptedNow();
        CloudEvent shadowAuthoritative = intentAcceptedNow().withAuthority(Side.SHADOW, "decision-it");
        for (CloudEvent intent : List.of(legacyAuthoritative, shadowAuthoritative)) {
            publishIntent(intent);
            CloudEvent legacyAssessment = legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear());
            publish(legacyAssessment);
            publish(legacyAssessment); // a redelivery
            publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
            publish(legacy.completed(intent, ClaimsContract.PAYMENT_DECIDED, payment("10.00")));
            CloudEvent shadowPayment = shadow.completed(intent, ClaimsContract.PAYMENT_DECIDED, payment("10.00"));
            publish(shadowPayment);
            publish(shadowPayment);
        }
        CloudEvent shadowFails = intentAcceptedNow().withAuthority(Side.SHADOW, "decision-it");
        publishIntent(shadowFails);
        publish(legacy.completed(shadowFails, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(shadowFails, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(legacy.completed(shadowFails, ClaimsContract.PAYMENT_DECIDED, payment("10.00")));
        publish(shadow.failed(shadowFails, ClaimsContract.PAYMENT_DECIDED, "shadow-timeout", "no answer"));

        // the legacy adapter executes the fallback for real, answering with fallback=true (twice: a redelivery)
        CloudEvent fallback = awaitFallbackIntent(shadowFails.correlationId());
        assertThat(fallback.causationId()).isEqualTo(shadowFails.id());
        assertThat(fallback.authoritySide()).isEqualTo(Side.LEGACY);
        for (int copy = 0; copy < 2; copy++) {
            publish(legacy.completed(fallback, ClaimsContract.CLAIM_ASSESSED, clear()));
            publish(legacy.completed(fallback, ClaimsContract.PAYMENT_DECIDED, payment("10.00")));
        }

        Map<String, List<CloudEvent>> truths = new java.util.HashMap<>();
        Set<String> correlationIds = Set.of(legacyAuthoritative.correlationId(), shadowAuthoritative.correlationId(),
                shadowFails.correlationId());
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.AUTHORITATIVE_OUTCOMES));
            await().atMost(Duration.ofSeconds(60)).during(Duration.ofSeconds(3)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (correlationIds.contains(record.key())) {
                        CloudEvent outcome = codec.read(record.value());
                        truths.computeIfAbsent(record.key() + "/" + outcome.outcomeType(), k -> new java.util.ArrayList<>())
                                .add(outcome);
                    }
                }
                return truths.size() == 6 && truths.values().stream().allMatch(copies -> copies.size() == 1);
            });
        }
        assertThat(side(truths, legacyAuthoritative, ClaimsContract.CLAIM_ASSESSED)).isEqualTo(Side.LEGACY);
        assertThat(side(truths, legacyAuthoritative, ClaimsContract.PAYMENT_DECIDED)).isEqualTo(Side.LEGACY);
        assertThat(side(truths, shadowAuthoritative, ClaimsContract.CLAIM_ASSESSED)).isEqualTo(Side.SHADOW);
        assertThat(side(truths, shadowAuthoritative, ClaimsContract.PAYMENT_DECIDED)).isEqualTo(Side.SHADOW);
        assertThat(side(truths, shadowFails, ClaimsContract.CLAIM_ASSESSED)).isEqualTo(Side.SHADOW);
        CloudEvent fallbackTruth = truths.get(shadowFails.correlationId() + "/" + ClaimsContract.PAYMENT_DECIDED).get(0);
        assertThat(fallbackTruth.outcomeSide()).isEqualTo(Side.LEGACY);
        assertThat(fallbackTruth.isFallback()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("parallelrun.fallbacks", "reason", "failed") - fallbacksBefore).isEqualTo(1);
            assertThat(count("parallelrun.authoritative.outcomes", "side", "shadow", "status", "completed")
                    - shadowTruthsBefore).isEqualTo(3);
        });
        // the comparison is the new service against legacy's simulated answers; the fallback's answers are not compared
        JsonNode compared = awaitTransaction(shadowFails.correlationId(), 2);
        List<String> classifications = new java.util.ArrayList<>();
        compared.get("verdicts").forEach(v -> classifications.add(v.get("classification").asString()));
        assertThat(classifications).containsExactlyInAnyOrder("MATCH", "FAILED");
    }

    @Test
    void refusesRequestsWithoutCredentialsAsProblemDetails() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void refusesWrongPasswords() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations"))
                .header("Authorization", basic("auditor", "wrong")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void letsAuditorsOnlyRead() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations"))
                .header("Authorization", basic("auditor", "auditor")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403");
    }

    @Test
    void answersBadQueriesWithProblemDetails() throws Exception {
        assertProblem("/api/v1/reconciliations?classification=SORT_OF", 400, "classification");
        assertProblem("/api/v1/reconciliations?limit=0", 400, "limit");
        assertProblem("/api/v1/reconciliations?from=yesterday", 400, "from");
        assertProblem("/api/v1/reconciliations?cursor=not-a-cursor", 400, "cursor");
        // a well-formed cursor at +1000000000-01-01T00:00:00Z: no verdict time, and no timestamp the query can bind (was 500)
        assertProblem("/api/v1/reconciliations?cursor="
                + "KzEwMDAwMDAwMDAtMDEtMDFUMDA6MDA6MDBafDNmMmI4YzFlLTBkNGEtNGM1ZS05ZjZhLTFiMmMzZDRlNWY2MA", 400, "cursor");
        assertProblem("/api/v1/match-rates?window=15", 400, "window");
        assertProblem("/api/v1/reconciliations/" + UUID.randomUUID(), 404, null);
        assertProblem("/api/v1/rule-sets/claims-0@sha256:00000000", 404, null);
    }

    @Test
    void exposesPrometheusMetricsToTheScraperOnly() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> auditor = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", basic("auditor", "auditor")).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", basic("metrics", "metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(auditor.statusCode()).as("API users are not scrapers").isEqualTo(401);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("reconciliation_pending_correlations");
        // rare events are series from the start, so that increase() and the alert rules see the first one
        for (String dlq : List.of("outcomes.legacy.v1.dlq", "outcomes.shadow.v1.dlq")) {
            assertThat(response.body()).containsPattern(
                    "reconciliation_dead_lettered_total\\{[^}]*topic=\"" + Pattern.quote(dlq) + "\"");
        }
        for (String outcomeType : List.of("ClaimAssessed", "PaymentDecided")) {
            assertThat(response.body())
                    .containsPattern("reconciliation_duplicates_dropped_total\\{[^}]*context=\"claims\",outcome_type=\""
                            + outcomeType + "\"")
                    .containsPattern("reconciliation_late_arrivals_total\\{[^}]*context=\"claims\",outcome_type=\""
                            + outcomeType + "\",within_grace=\"false\"");
        }
        // the authority series: fallbacks and replays are rare, so they exist at zero from the start
        assertThat(response.body())
                .containsPattern("parallelrun_fallbacks_total\\{[^}]*context=\"claims\",reason=\"missing\"")
                .containsPattern("parallelrun_fallbacks_total\\{[^}]*context=\"claims\",reason=\"failed\"")
                .containsPattern("parallelrun_replayed_intents_total\\{[^}]*context=\"claims\"")
                .containsPattern("parallelrun_authoritative_outcomes_total\\{[^}]*context=\"claims\",side=\"shadow\",status=\"failed\"");
    }

    @Test
    void countsEachCommittedVerdictAndTimesItFromTheSecondOutcome() throws Exception {
        MessageListenerContainer verdictMetrics = listeners.getListenerContainer("verdict-metrics");
        // it starts at the end of the verdict topic: a verdict committed before its assignment is not its to count
        await().atMost(Duration.ofSeconds(60)).until(() -> !verdictMetrics.getAssignedPartitions().isEmpty());
        double matchesBefore = count("reconciliation.verdicts.decided", "outcome_type", "ClaimAssessed",
                "classification", "MATCH");
        long timedBefore = latencies("ClaimAssessed");
        CloudEvent intent = newIntent();

        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));

        awaitTransaction(intent.correlationId(), 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(count("reconciliation.verdicts.decided", "outcome_type", "ClaimAssessed", "classification",
                    "MATCH")).isGreaterThan(matchesBefore);
            assertThat(latencies("ClaimAssessed")).isGreaterThan(timedBefore);
        });
    }

    private long latencies(String outcomeType) {
        var timer = meters.find("reconciliation.verdict.latency").tag("context", "claims")
                .tag("outcome_type", outcomeType).timer();
        return timer == null ? 0 : timer.count();
    }

    private void assertProblem(String path, int status, String parameter) throws Exception {
        Response response = get(path, "admin");
        assertThat(response.status()).as(path).isEqualTo(status);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        if (parameter != null) {
            assertThat(response.body().get("parameter").asString()).isEqualTo(parameter);
        }
    }

    private JsonNode awaitTransaction(String correlationId, int verdicts) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response response = get("/api/v1/reconciliations/" + correlationId, "auditor");
            return response.status() == 200 ? response.body() : null;
        }, body -> body != null && body.get("verdicts").size() == verdicts);
    }

    private JsonNode awaitClassification(String correlationId, String classification) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response response = get("/api/v1/reconciliations/" + correlationId, "auditor");
            return response.status() == 200 ? response.body().get("verdicts").get(0) : null;
        }, verdict -> verdict != null && verdict.get("classification").asString().equals(classification));
    }

    private CloudEvent awaitFallbackIntent(String correlationId) {
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.intents("claims")));
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    CloudEvent intent = codec.read(record.value());
                    if (correlationId.equals(record.key()) && intent.isFallback()) {
                        return intent;
                    }
                }
                return null;
            }, intent -> intent != null);
        }
    }

    private static Side side(Map<String, List<CloudEvent>> truths, CloudEvent intent, String outcomeType) {
        return truths.get(intent.correlationId() + "/" + outcomeType).get(0).outcomeSide();
    }

    private double count(String name, String... tags) {
        var counter = meters.find(name).tag("context", "claims").tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private void publishIntent(CloudEvent intent) throws Exception {
        producer.send(new ProducerRecord<>(Topics.intents("claims"), intent.correlationId(), codec.write(intent))).get();
    }

    private byte[] readVerdictEvent(String correlationId) {
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.VERDICTS));
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (correlationId.equals(record.key())) {
                        return record.value();
                    }
                }
                return null;
            }, value -> value != null);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void publish(CloudEvent outcome) throws Exception {
        producer.send(new ProducerRecord<>(outcome.outcomeSide().outcomeTopic(), outcome.correlationId(), codec.write(outcome))).get();
    }

    private static CloudEvent intentAcceptedNow() {
        CloudEvent golden = newIntent();
        return new CloudEvent(golden.specVersion(), golden.id(), golden.type(), golden.source(), java.time.Instant.now(),
                golden.dataContentType(), golden.correlationId(), null, golden.boundedContext(), null, null, null, null,
                null, null, null, null, null, null, golden.data());
    }

    private static CloudEvent newIntent() {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        return new CloudEvent(golden.specVersion(), UUID.randomUUID().toString(), golden.type(), golden.source(),
                golden.time(), golden.dataContentType(), UUID.randomUUID().toString(), null, golden.boundedContext(),
                null, null, null, null, null, null, null, null, null, null, golden.data());
    }

    private static dev.parallelrun.events.claims.PaymentDecided payment(String amount) {
        java.math.BigDecimal paid = new java.math.BigDecimal(amount);
        return new dev.parallelrun.events.claims.PaymentDecided("CLM-1001", dev.parallelrun.events.claims.PaymentDecided.Decision.APPROVED,
                paid, new java.math.BigDecimal("1358.02"), "EUR", List.of(new dev.parallelrun.events.claims.PaymentDecided.LedgerEntry(
                        "claims-expense", dev.parallelrun.events.claims.PaymentDecided.Direction.DEBIT, paid)));
    }

    private static ClaimAssessed clear() {
        return new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.CLEAR, 10, List.of());
    }

    private Response get(String path, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, user))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? null : codec.mapper().readTree(response.body());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private record Response(int status, String contentType, JsonNode body) {
    }
}
