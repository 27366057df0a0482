package dev.parallelrun.reconciliation.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.domain.VerdictDecider;
import dev.parallelrun.reconciliation.domain.rules.RuleBasedComparator;
import dev.parallelrun.reconciliation.domain.rules.RuleSetFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelationTopologyTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final EventCodec codec = EventCodec.standard();
    private final CountingMetrics metrics = new CountingMetrics();
    private final RuleBasedComparator comparator = RuleSetFixtures.comparator(RuleSetFixtures.claims());
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> legacyTopic;
    private TestInputTopic<String, byte[]> shadowTopic;
    private TestOutputTopic<String, byte[]> verdictTopic;
    private TestOutputTopic<String, byte[]> legacyDeadLetters;

    @BeforeEach
    void startTopology() {
        CorrelationPolicy policy = new CorrelationPolicy(new CorrelationPolicy.Timing(WINDOW, GRACE),
                Map.of("other", new CorrelationPolicy.Timing(Duration.ofMinutes(10), GRACE)), Duration.ofHours(1));
        var topology = CorrelationTopology.build(new VerdictDecider(comparator), policy, metrics,
                Duration.ofSeconds(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reconciliation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props, Instant.parse("2026-11-02T09:00:00Z"));
        legacyTopic = driver.createInputTopic(Topics.OUTCOMES_LEGACY, new StringSerializer(), new ByteArraySerializer());
        shadowTopic = driver.createInputTopic(Topics.OUTCOMES_SHADOW, new StringSerializer(), new ByteArraySerializer());
        verdictTopic = driver.createOutputTopic(Topics.VERDICTS, new StringDeserializer(), new ByteArrayDeserializer());
        legacyDeadLetters = driver.createOutputTopic(Topics.deadLetter(Topics.OUTCOMES_LEGACY), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void decidesMatchAsSoonAsTheCounterpartArrives() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.LEGACY));
        assertThat(verdictTopic.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(250));
        send(pair.clearAssessment(Side.SHADOW));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.MATCH);
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
        assertThat(verdict.correlationId()).isEqualTo(pair.correlationId());
        assertThat(verdict.outcomeType()).isEqualTo(ClaimsContract.CLAIM_ASSESSED);
        assertThat(verdict.context()).isEqualTo("claims");
        assertThat(verdict.revision()).isEqualTo(1);
        assertThat(verdict.ruleSetVersion()).isEqualTo(RuleSetFixtures.claims().version()).startsWith("claims-1@sha256:");
        assertThat(verdict.legacyReceivedAt()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
        assertThat(verdict.shadowReceivedAt()).isEqualTo(Instant.parse("2026-11-02T09:00:00.250Z"));
        assertThat(verdict.legacy()).isEqualTo(verdict.shadow());
        assertThat(metrics.skews).containsExactly(250L);
    }

    @Test
    void decidesMismatchWithTheDifferingFields() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.payment(Side.LEGACY, "976.19"));
        send(pair.payment(Side.SHADOW, "970.00"));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(verdict.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(verdict.differences()).extracting(d -> d.path())
                .containsExactly("/paymentAmount", "/ledgerEntries/[claims-expense,DEBIT]/amount");
        assertThat(verdict.differences()).extracting(d -> d.severity()).containsExactly(Severity.CRITICAL, Severity.HIGH);
    }

    @Test
    void classifiesARoundingPolicyDifferenceAsTolerated() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.payment(Side.LEGACY, "976.19"));
        send(pair.payment(Side.SHADOW, "976.18"));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.TOLERATED);
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
        assertThat(verdict.differences()).allSatisfy(d -> {
            assertThat(d.comparator()).isEqualTo("rounding");
            assertThat(d.withinTolerance()).isTrue();
        });
        assertThat(verdict.legacy().get("paymentAmount").decimalValue()).isEqualByComparingTo("976.19");
        assertThat(verdict.shadow().get("paymentAmount").decimalValue()).isEqualByComparingTo("976.18");
    }

    @Test
    void classifiesADifferentFraudDecisionAsACriticalMismatch() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.assessed(Side.LEGACY, ClaimAssessed.FraudDecision.CLEAR, 30, List.of()));
        send(pair.assessed(Side.SHADOW, ClaimAssessed.FraudDecision.REVIEW, 50, List.of("AMOUNT_OVER_5000", "SAME_DAY_HIGH_VALUE")));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(verdict.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(verdict.differences()).extracting(d -> d.path()).containsExactly("/fraudDecision", "/riskScore", "/riskReasons");
    }

    @Test
    void keysVerdictsByCorrelationIdAsCloudEvents() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));

        TestRecord<String, byte[]> record = verdictTopic.readRecord();
        CloudEvent event = codec.read(record.value());
        assertThat(record.key()).isEqualTo(pair.correlationId());
        assertThat(event.type()).isEqualTo(Verdict.EVENT_TYPE);
        assertThat(event.correlationId()).isEqualTo(pair.correlationId());
        assertThat(event.id()).isEqualTo(codec.data(event.data(), Verdict.class).verdictId());
    }

    @Test
    void decidesOutOfOrderArrivalTheSameWay() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
    }

    @Test
    void keepsOutcomeTypesOfOneTransactionApart() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.LEGACY));
        send(pair.payment(Side.SHADOW, "10.00"));
        assertThat(verdictTopic.isEmpty()).isTrue();
        send(pair.payment(Side.LEGACY, "10.00"));
        send(pair.clearAssessment(Side.SHADOW));

        assertThat(verdictTopic.readValuesToList()).hasSize(2)
                .allSatisfy(bytes -> assertThat(verdict(bytes).classification()).isEqualTo(Classification.MATCH));
    }

    @Test
    void classifiesMissingShadowWhenTheWindowEnds() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.LEGACY));
        driver.advanceWallClockTime(WINDOW.minusSeconds(2));
        assertThat(verdictTopic.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.MISSING_SHADOW);
        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.legacy()).isNotNull();
        assertThat(verdict.shadow()).isNull();
        assertThat(verdict.shadowReceivedAt()).isNull();
    }

    @Test
    void classifiesMissingLegacyWhenTheWindowEnds() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.SHADOW));
        driver.advanceWallClockTime(WINDOW.plusSeconds(1));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MISSING_LEGACY);
    }

    @Test
    void usesTheWindowOfTheOutcomesContext() {
        Outcomes pair = Outcomes.forNewIntent();
        CloudEvent legacy = pair.clearAssessment(Side.LEGACY);
        CloudEvent otherContext = new CloudEvent(legacy.specVersion(), legacy.id(), legacy.type(), legacy.source(),
                legacy.time(), legacy.dataContentType(), legacy.correlationId(), legacy.causationId(), "other",
                legacy.side(), legacy.outcomeType(), legacy.outcomeStatus(), null, legacy.data());

        send(otherContext);
        driver.advanceWallClockTime(WINDOW.plusSeconds(1));

        assertThat(verdictTopic.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(singleVerdict().classification()).isEqualTo(Classification.MISSING_SHADOW);
    }

    @Test
    void supersedesMissingWithTimingWhenTheCounterpartArrivesWithinTheGrace() {
        Outcomes pair = Outcomes.forNewIntent();
        send(pair.clearAssessment(Side.LEGACY));
        driver.advanceWallClockTime(WINDOW.plusSeconds(1));
        Verdict missing = singleVerdict();

        driver.advanceWallClockTime(Duration.ofMinutes(1));
        send(pair.clearAssessment(Side.SHADOW));

        Verdict timing = singleVerdict();
        assertThat(timing.classification()).isEqualTo(Classification.TIMING);
        assertThat(timing.revision()).isEqualTo(2);
        assertThat(timing.supersedes()).isEqualTo(missing.verdictId());
        assertThat(timing.verdictId()).isNotEqualTo(missing.verdictId());
        assertThat(timing.legacy()).isNotNull();
        assertThat(timing.shadow()).isNotNull();
        assertThat(metrics.lateWithinGrace.get()).isEqualTo(1);
    }

    @Test
    void classifiesALateButToleratedCounterpartAsTiming() {
        Outcomes pair = Outcomes.forNewIntent();
        send(pair.payment(Side.LEGACY, "976.19"));
        driver.advanceWallClockTime(WINDOW.plusSeconds(1));
        singleVerdict();

        send(pair.payment(Side.SHADOW, "976.18"));

        Verdict timing = singleVerdict();
        assertThat(timing.classification()).isEqualTo(Classification.TIMING);
        assertThat(timing.severity()).isEqualTo(Severity.NONE);
        assertThat(timing.differences()).isNotEmpty().allSatisfy(d -> assertThat(d.withinTolerance()).isTrue());
    }

    @Test
    void supersedesMissingWithMismatchWhenTheLateCounterpartDiffers() {
        Outcomes pair = Outcomes.forNewIntent();
        send(pair.payment(Side.SHADOW, "100.00"));
        driver.advanceWallClockTime(WINDOW.plusSeconds(1));
        singleVerdict();

        send(pair.payment(Side.LEGACY, "150.00"));

        Verdict late = singleVerdict();
        assertThat(late.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(late.revision()).isEqualTo(2);
    }

    @Test
    void keepsTheMissingVerdictWhenTheCounterpartArrivesAfterTheGrace() {
        Outcomes pair = Outcomes.forNewIntent();
        send(pair.clearAssessment(Side.LEGACY));
        driver.advanceWallClockTime(WINDOW.plusSeconds(1));
        singleVerdict();

        driver.advanceWallClockTime(GRACE.plusSeconds(1));
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.SHADOW));

        assertThat(verdictTopic.isEmpty()).isTrue();
        assertThat(metrics.lateBeyondGrace.get()).isEqualTo(1);
        assertThat(metrics.duplicates.get()).isEqualTo(1);
    }

    @Test
    void dropsDuplicatesOfAPendingSide() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
        assertThat(metrics.duplicates.get()).isEqualTo(1);
    }

    @Test
    void dropsDuplicatesOfADecidedPair() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));
        singleVerdict();
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));
        driver.advanceWallClockTime(WINDOW.plus(GRACE));

        assertThat(verdictTopic.isEmpty()).isTrue();
        assertThat(metrics.duplicates.get()).isEqualTo(2);
    }

    @Test
    void forgetsDecidedPairsAfterTheRetention() {
        Outcomes pair = Outcomes.forNewIntent();
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));
        singleVerdict();

        driver.advanceWallClockTime(Duration.ofHours(1).plusSeconds(2));

        var decided = driver.<String, DecidedPair>getKeyValueStore(PairCorrelator.DECIDED_STORE);
        var index = driver.<String, String>getKeyValueStore(PairCorrelator.DEADLINE_INDEX);
        assertThat(decided.approximateNumEntries()).isZero();
        assertThat(index.approximateNumEntries()).isZero();
    }

    @Test
    void classifiesAFailedSideAsFailed() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.failed(Side.LEGACY, ClaimsContract.PAYMENT_DECIDED));
        send(pair.payment(Side.SHADOW, "10.00"));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.FAILED);
        assertThat(verdict.legacy().get("reason").asString()).isEqualTo("legacy-timeout");
    }

    @Test
    void classifiesARejectedIntentAsDataQuality() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.rejected(Side.LEGACY, ClaimsContract.CLAIM_ASSESSED));
        send(pair.rejected(Side.SHADOW, ClaimsContract.CLAIM_ASSESSED));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.DATA_QUALITY);
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
    }

    @Test
    void classifiesALoneFailureAsFailedNotMissing() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.failed(Side.LEGACY, ClaimsContract.CLAIM_ASSESSED));
        driver.advanceWallClockTime(WINDOW.plusSeconds(1));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.FAILED);
    }

    @Test
    void sendsPoisonRecordsToTheDeadLetterTopicAndKeepsFlowing() {
        Outcomes pair = Outcomes.forNewIntent();

        legacyTopic.pipeInput("some-key", "{not json".getBytes(StandardCharsets.UTF_8));
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));

        TestRecord<String, byte[]> dead = legacyDeadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead, Headers.DLQ_REASON)).contains("not a valid CloudEvents JSON object");
        assertThat(header(dead, Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.OUTCOMES_LEGACY);
        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
        assertThat(metrics.deadLettered.get()).isEqualTo(1);
    }

    @Test
    void deadLettersAnOutcomeNotKeyedByItsCorrelationId() {
        Outcomes pair = Outcomes.forNewIntent();
        CloudEvent outcome = pair.clearAssessment(Side.LEGACY);

        legacyTopic.pipeInput("another-key", codec.write(outcome));

        assertThat(header(legacyDeadLetters.readRecord(), Headers.DLQ_REASON)).contains("must be keyed by correlation id");
    }

    @Test
    void deadLettersAShadowOutcomeOnTheLegacyTopic() {
        Outcomes pair = Outcomes.forNewIntent();
        CloudEvent outcome = pair.clearAssessment(Side.SHADOW);

        legacyTopic.pipeInput(outcome.correlationId(), codec.write(outcome));

        assertThat(header(legacyDeadLetters.readRecord(), Headers.DLQ_REASON)).contains("a shadow outcome on outcomes.legacy.v1");
    }

    @Test
    void producesTheSameVerdictIdWhenAPairIsDecidedAgain() {
        Outcomes pair = Outcomes.forNewIntent();
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));
        String first = singleVerdict().verdictId();

        assertThat(first).isEqualTo(VerdictDecider.verdictId(
                new dev.parallelrun.reconciliation.domain.PairKey(pair.correlationId(), ClaimsContract.CLAIM_ASSESSED), 1));
    }

    @Test
    void acceptsTheNewFraudModelsRicherReasonsAsAnExpectedDifference() {
        Outcomes pair = Outcomes.forNewIntent();

        send(pair.assessed(Side.LEGACY, ClaimAssessed.FraudDecision.REVIEW, 45, List.of("SUSPICIOUS_DESCRIPTION")));
        send(pair.assessed(Side.SHADOW, ClaimAssessed.FraudDecision.REVIEW, 45, List.of("KEYWORD_STOLEN")));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.EXPECTED_DIFFERENCE);
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
        assertThat(verdict.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("/riskReasons");
            assertThat(d.comparator()).isEqualTo("unordered+variance:fraud-model-v2-granular-reasons");
            assertThat(d.withinTolerance()).isFalse();
        });
    }

    private void send(CloudEvent outcome) {
        TestInputTopic<String, byte[]> topic = outcome.outcomeSide() == Side.LEGACY ? legacyTopic : shadowTopic;
        topic.pipeInput(outcome.correlationId(), codec.write(outcome));
    }

    private Verdict singleVerdict() {
        List<byte[]> values = verdictTopic.readValuesToList();
        assertThat(values).hasSize(1);
        return verdict(values.get(0));
    }

    private Verdict verdict(byte[] bytes) {
        return codec.data(codec.read(bytes).data(), Verdict.class);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static final class CountingMetrics implements CorrelationMetrics {
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger lateWithinGrace = new AtomicInteger();
        final AtomicInteger lateBeyondGrace = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final List<Long> skews = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void duplicateDropped(String context, String outcomeType) {
            duplicates.incrementAndGet();
        }

        @Override
        public void lateArrival(String context, String outcomeType, boolean withinGrace) {
            (withinGrace ? lateWithinGrace : lateBeyondGrace).incrementAndGet();
        }

        @Override
        public void deadLettered(String topic) {
            deadLettered.incrementAndGet();
        }

        @Override
        public void arrivalSkew(String context, String outcomeType, long millis) {
            skews.add(millis);
        }
    }
}
