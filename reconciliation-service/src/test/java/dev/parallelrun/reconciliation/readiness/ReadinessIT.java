package dev.parallelrun.reconciliation.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.readiness.ReadinessReport.Criterion;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Readiness over real stored verdicts (embedded PostgreSQL) with the readiness thresholds of
 * {@code test-rules/authority/claims.yml}, and the intent cohorts the intent sink stores from the intent topic; the
 * latency criterion with {@code test-rules/readiness/quotes.yml} (latency factor 1.5).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "reconciliation.rules.locations=classpath:test-rules/authority/,classpath:test-rules/readiness/",
        "reconciliation.readiness.refresh-interval=500ms"})
@ActiveProfiles("local")
@DirtiesContext
@Import({UpstreamTopics.class, ReadinessIT.IntentTopic.class})
class ReadinessIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "readiness");
        String stateDir = Files.createTempDirectory("readiness-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    /** The claims intent topic, as the ingress (its owner) declares it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class IntentTopic {
        @Bean
        KafkaAdmin.NewTopics claimsIntentTopic() {
            return new KafkaAdmin.NewTopics(TopicBuilder.name(Topics.intents("claims")).partitions(3).replicas(1).build());
        }
    }

    private static final Cohort MOTOR_DE = new Cohort("motor", "DE", null);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReadinessEvaluator evaluator;

    @Autowired
    VerdictStore verdictStore;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void noVerdictsYet() {
        jdbc.update("DELETE FROM verdict");
        jdbc.update("DELETE FROM intent_cohort");
    }

    @Test
    void becomesReadyOnceVolumeRateAndEveryHourMeetTheTargetsAndCoversACohortOnlyWithItsOwnVerdicts() throws Exception {
        StoredVerdicts verdicts = new StoredVerdicts(jdbc);
        JsonNode before = readiness("auditor");
        assertThat(before.get("context").asString()).isEqualTo("claims");
        assertThat(before.get("ready").asBoolean()).isFalse();
        assertThat(criterion(before, "minimumVolume:ClaimAssessed").get("met").asBoolean()).isFalse();
        assertThat(criterion(before, "matchRate:ClaimAssessed").get("required").asString()).isEqualTo(">= 0.75 over PT6H");
        assertThat(criterion(before, "sustained:PaymentDecided").get("met").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gauge()).isEqualTo(0.0));

        // one verdict per hour and type: rate and hours on target, volume (4 per type) just reached
        verdicts.matchesEveryHour(1, null, null);

        JsonNode after = readiness("operator");
        assertThat(after.get("criteria")).allSatisfy(c -> assertThat(c.get("met").asBoolean())
                .as(c.get("name").asString() + ": " + c.get("actual").asString()).isTrue());
        assertThat(after.get("ready").asBoolean()).isTrue();
        assertThat(criterion(after, "minimumVolume:ClaimAssessed").get("actual").asString()).isEqualTo("4");
        // no latency factor in the claims test rules: no latency criterion
        assertThat(after.get("criteria")).extracting(c -> c.get("name").asString())
                .noneMatch(name -> name.startsWith("latency:"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gauge()).isEqualTo(1.0));

        // a cohort being promoted needs verdicts of its own: none carry motor/DE yet
        ReadinessReport uncovered = evaluator.evaluate("claims", List.of(MOTOR_DE));
        assertThat(uncovered.ready()).isFalse();
        assertThat(uncovered.criteria()).filteredOn(c -> c.name().startsWith("cohortCovered:"))
                .extracting(Criterion::name, Criterion::met)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cohortCovered:productLine=motor,region=DE:ClaimAssessed", false),
                        org.assertj.core.groups.Tuple.tuple("cohortCovered:productLine=motor,region=DE:PaymentDecided", false));

        // two motor/DE intents through the intent topic (and a home one that does not count), then their verdicts
        String first = publishIntent("motor", "DE");
        String second = publishIntent("motor", "DE");
        String home = publishIntent("home", "DE");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM intent_cohort WHERE correlation_id IN (?, ?, ?)", Long.class, first, second, home))
                .isEqualTo(3));
        assertThat(jdbc.queryForMap("SELECT product_line, region, channel, authority FROM intent_cohort "
                + "WHERE correlation_id = ?", first)).containsEntry("product_line", "motor").containsEntry("region", "DE")
                .containsEntry("channel", "web-portal").containsEntry("authority", "legacy");
        for (String correlationId : List.of(first, home)) {
            verdicts.verdict(correlationId, "ClaimAssessed", "MATCH", "NONE", Instant.now(), "[]");
            verdicts.verdict(correlationId, "PaymentDecided", "MATCH", "NONE", Instant.now(), "[]");
        }
        assertThat(evaluator.evaluate("claims", List.of(MOTOR_DE)).ready()).isFalse();
        verdicts.verdict(second, "ClaimAssessed", "MATCH", "NONE", Instant.now(), "[]");
        verdicts.verdict(second, "PaymentDecided", "MISMATCH", "LOW", Instant.now(), "[]");

        ReadinessReport covered = evaluator.evaluate("claims", List.of(MOTOR_DE));
        assertThat(covered.criteria()).filteredOn(c -> c.name().startsWith("cohortCovered:")).allMatch(Criterion::met);
        assertThat(covered.ready()).isTrue();
    }

    @Test
    void isNotReadyWithAnOpenCriticalDivergenceCaseOrAnExpiredVarianceInUse() throws Exception {
        StoredVerdicts verdicts = new StoredVerdicts(jdbc);
        verdicts.matchesEveryHour(1, null, null);
        // through the verdict store, as the sink stores it: the CRITICAL mismatch opens a divergence case
        String critical = "corr-" + UUID.randomUUID();
        verdictStore.saveAll(List.of(StoredVerdicts.live(critical, "PaymentDecided", 1, Classification.MISMATCH, Severity.CRITICAL)));
        verdicts.verdict("ClaimAssessed", "EXPECTED_DIFFERENCE", "NONE", Instant.now(), "[{\"path\": \"/riskReasons\", "
                + "\"comparator\": \"unordered+variance:retired-reason-codes\", \"withinTolerance\": true, "
                + "\"severity\": \"NONE\"}]");

        JsonNode report = readiness("admin");

        assertThat(report.get("ready").asBoolean()).isFalse();
        assertThat(criterion(report, "noOpenCriticalDivergence").get("met").asBoolean()).isFalse();
        assertThat(criterion(report, "noOpenCriticalDivergence").get("actual").asString()).isEqualTo("1");
        assertThat(criterion(report, "noExpiredVarianceInUse").get("met").asBoolean()).isFalse();
        assertThat(criterion(report, "noExpiredVarianceInUse").get("actual").asString()).isEqualTo("retired-reason-codes");

        // a later agreeing verdict of the pair supersedes its case: it is no longer open
        verdictStore.saveAll(List.of(StoredVerdicts.live(critical, "PaymentDecided", 2, Classification.MATCH, Severity.NONE)));
        assertThat(jdbc.queryForObject("SELECT state FROM divergence_case WHERE correlation_id = ?", String.class,
                critical)).isEqualTo("SUPERSEDED");
        assertThat(criterion(readiness("admin"), "noOpenCriticalDivergence").get("met").asBoolean()).isTrue();
    }

    @Test
    void anOpenCriticalCaseBlocksWhateverItsAgeAndOneResolvedByAPersonNoLonger() throws Exception {
        String critical = "corr-" + UUID.randomUUID();
        verdictStore.saveAll(List.of(StoredVerdicts.live(critical, "PaymentDecided", 1, Classification.MISSING_SHADOW, Severity.CRITICAL)));
        // opened long before the evaluation window: still open work
        jdbc.update("UPDATE divergence_case SET opened_at = opened_at - interval '30 days' WHERE correlation_id = ?",
                critical);
        jdbc.update("UPDATE verdict SET decided_at = decided_at - interval '30 days' WHERE correlation_id = ?", critical);

        assertThat(criterion(readiness("admin"), "noOpenCriticalDivergence").get("actual").asString()).isEqualTo("1");

        jdbc.update("UPDATE divergence_case SET state = 'RESOLVED', category = 'UPSTREAM_DATA', version = version + 1 "
                + "WHERE correlation_id = ?", critical);
        assertThat(criterion(readiness("admin"), "noOpenCriticalDivergence").get("met").asBoolean()).isTrue();
    }

    @Test
    void comparesEachSidesP99LatencyFromAcceptanceByTheFactorPerOutcomeTypeInOneQuery() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant accepted = now.minus(Duration.ofMinutes(20));
        Instant decided = now.minus(Duration.ofMinutes(1));
        // QuoteIssued: 50 pairs, the new service faster than legacy
        List<Long> issuedLegacy = new ArrayList<>();
        List<Long> issuedShadow = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long legacyMillis = 1000 + 40L * i;
            long shadowMillis = 300 + 20L * i;
            pair("QuoteIssued", accepted, legacyMillis, shadowMillis, decided, true);
            issuedLegacy.add(legacyMillis);
            issuedShadow.add(shadowMillis);
        }
        // QuoteRevised: 20 pairs, the new service twice as slow as legacy
        List<Long> revisedLegacy = new ArrayList<>();
        List<Long> revisedShadow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long legacyMillis = 500 + 10L * i;
            pair("QuoteRevised", accepted, legacyMillis, 2 * legacyMillis, decided, true);
            revisedLegacy.add(legacyMillis);
            revisedShadow.add(2 * legacyMillis);
        }
        // what must not count, each with a ten-minute shadow latency that would lift QuoteIssued's p99 past the factor:
        // a superseded verdict, a verdict without the legacy side, one without an intent cohort (no acceptance time),
        // one decided before the window
        long tenMinutes = Duration.ofMinutes(10).toMillis();
        pair("QuoteIssued", accepted, 1000L, tenMinutes, decided, false);
        pair("QuoteIssued", accepted, null, tenMinutes, decided, true);
        quoteVerdict("corr-" + UUID.randomUUID(), "QuoteIssued", decided, accepted.plusMillis(1000),
                accepted.plusMillis(tenMinutes), null);
        pair("QuoteIssued", now.minus(Duration.ofHours(8)), 1000L, tenMinutes, now.minus(Duration.ofHours(7)), true);

        double issuedShadowP99 = p99(issuedShadow);
        double issuedLegacyP99 = p99(issuedLegacy);
        double revisedShadowP99 = p99(revisedShadow);
        double revisedLegacyP99 = p99(revisedLegacy);
        // the cases are what their names say
        assertThat(issuedShadowP99).isLessThanOrEqualTo(1.5 * issuedLegacyP99);
        assertThat(revisedShadowP99).isGreaterThan(1.5 * revisedLegacyP99);

        JsonNode report = readiness("quotes", "auditor");

        JsonNode issued = criterion(report, "latency:QuoteIssued");
        assertThat(issued.get("required").asString()).isEqualTo("shadow p99 <= 1.5 x legacy p99");
        assertThat(issued.get("actual").asString()).isEqualTo(String.format(Locale.ROOT,
                "shadow p99 %.3f s, legacy p99 %.3f s (50 pairs)", issuedShadowP99, issuedLegacyP99));
        assertThat(issued.get("met").asBoolean()).isTrue();
        JsonNode revised = criterion(report, "latency:QuoteRevised");
        assertThat(revised.get("actual").asString()).isEqualTo(String.format(Locale.ROOT,
                "shadow p99 %.3f s, legacy p99 %.3f s (20 pairs)", revisedShadowP99, revisedLegacyP99));
        assertThat(revised.get("met").asBoolean()).isFalse();
        assertThat(report.get("ready").asBoolean()).isFalse();

        // without a pair in the window the criterion is not met
        jdbc.update("DELETE FROM verdict WHERE outcome_type = 'QuoteRevised'");
        JsonNode empty = criterion(readiness("quotes", "auditor"), "latency:QuoteRevised");
        assertThat(empty.get("actual").asString()).isEqualTo("no pairs with both sides and a known acceptance time");
        assertThat(empty.get("met").asBoolean()).isFalse();
    }

    /**
     * PostgreSQL's {@code percentile_cont(0.99)}: the value at position 0.99 x (n - 1) of the sorted values,
     * interpolated linearly between its neighbours; in seconds.
     */
    private static double p99(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        double position = 0.99 * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.size() - 1);
        double value = sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
        return value / 1000.0;
    }

    /** A quotes verdict of a new business transaction accepted at the instant; a side given null did not answer. */
    private void pair(String outcomeType, Instant accepted, Long legacyMillis, Long shadowMillis, Instant decided,
            boolean current) {
        String correlationId = "corr-" + UUID.randomUUID();
        jdbc.update("INSERT INTO intent_cohort (correlation_id, context, product_line, region, channel, accepted_at) "
                + "VALUES (?, 'quotes', 'motor', 'DE', 'web-portal', ?)", correlationId, Timestamp.from(accepted));
        quoteVerdict(correlationId, outcomeType, decided,
                legacyMillis == null ? null : accepted.plusMillis(legacyMillis),
                shadowMillis == null ? null : accepted.plusMillis(shadowMillis), current ? null : UUID.randomUUID());
    }

    private void quoteVerdict(String correlationId, String outcomeType, Instant decided, Instant legacyReceived,
            Instant shadowReceived, UUID supersededBy) {
        jdbc.update("INSERT INTO verdict (verdict_id, revision, superseded_by, correlation_id, context, outcome_type, "
                + "classification, severity, differences, rule_set_version, legacy_received_at, shadow_received_at, "
                + "decided_at) VALUES (?, 1, ?, ?, 'quotes', ?, ?, 'NONE', '[]'::jsonb, 'structural-1', ?, ?, ?)",
                UUID.randomUUID(), supersededBy, correlationId, outcomeType,
                legacyReceived == null ? "MISSING_LEGACY" : "MATCH",
                legacyReceived == null ? null : Timestamp.from(legacyReceived),
                shadowReceived == null ? null : Timestamp.from(shadowReceived), Timestamp.from(decided));
    }

    @Test
    void answersAnUnknownContextWith404AndAnonymousWith401() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(uri("/api/v1/readiness/orders"))
                .header("Authorization", basic("auditor")).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/readiness/claims")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void takesTheMatchRateTargetOfEachOutcomeTypeFromTheRuleSet() throws Exception {
        new StoredVerdicts(jdbc).verdict("PaymentDecided", "MATCH", "NONE", Instant.now(), "[]");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/match-rates?context=claims"))
                .header("Authorization", basic("auditor")).GET().build(), HttpResponse.BodyHandlers.ofString());

        JsonNode rates = codec.mapper().readTree(response.body());
        assertThat(rates).anySatisfy(rate -> {
            assertThat(rate.get("outcomeType").asString()).isEqualTo("PaymentDecided");
            assertThat(rate.get("target").asDouble()).isEqualTo(0.75);
        });
    }

    private String publishIntent(String productLine, String region) throws Exception {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        ObjectNode data = ((ObjectNode) golden.data()).deepCopy();
        data.put("productLine", productLine);
        data.put("region", region);
        String correlationId = UUID.randomUUID().toString();
        CloudEvent intent = CloudEvent.intent(UUID.randomUUID().toString(), golden.type(), golden.source(), Instant.now(),
                correlationId, "claims", data).withAuthority(Side.LEGACY, null);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers")), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.intents("claims"), correlationId, codec.write(intent))).get();
        }
        return correlationId;
    }

    private JsonNode readiness(String user) throws Exception {
        return readiness("claims", user);
    }

    private JsonNode readiness(String context, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/readiness/" + context))
                .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.mapper().readTree(response.body());
    }

    private static JsonNode criterion(JsonNode report, String name) {
        for (JsonNode criterion : report.get("criteria")) {
            if (criterion.get("name").asString().equals(name)) {
                return criterion;
            }
        }
        throw new AssertionError("no criterion " + name + " in " + report);
    }

    private double gauge() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("metrics:metrics"
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> line.startsWith("parallelrun_readiness_ready{")
                        && line.contains("context=\"claims\"")).map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
