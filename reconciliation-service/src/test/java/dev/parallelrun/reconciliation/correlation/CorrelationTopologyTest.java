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
import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final EventCodec codec = EventCodec.standard();
    private final CountingMetrics metrics = new CountingMetrics();
    private final RuleBasedComparator comparator = RuleSetFixtures.comparator(RuleSetFixtures.claims());
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> legacyTopic;
    private TestInputTopic<String, byte[]> shadowTopic;
    private TestOutputTopic<String, byte[]> verdictTopic;
    private TestOutputTopic<String, byte[]> legacyDeadLetters;
    private TestInputTopic<String, byte[]> intentTopic;
    /** When the participants answer: follows the driver's wall clock unless a test holds it back. */
    private final MutableClock clock = new MutableClock(START);

    @BeforeEach
    void startTopology() {
        CorrelationPolicy policy = new CorrelationPolicy(new CorrelationPolicy.Timing(WINDOW, GRACE),
                Map.of("other", new CorrelationPolicy.Timing(Duration.ofMinutes(10), GRACE)), Duration.ofHours(1));
        var topology = CorrelationTopology.build(new VerdictDecider(comparator), policy,
                new IntentExpectations(Map.of("claims", List.of(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED))),
                metrics, Duration.ofSeconds(1), MAX_REQUEST_BYTES);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reconciliation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        driver = new TopologyTestDriver(topology, props, START);
        intentTopic = driver.createInputTopic(Topics.intents("claims"), new StringSerializer(), new ByteArraySerializer());
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
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.clearAssessment(Side.LEGACY));
        assertThat(verdictTopic.isEmpty()).isTrue();
        advance(Duration.ofMillis(250));
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
        Outcomes pair = Outcomes.forNewIntent(clock);

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
        Outcomes pair = Outcomes.forNewIntent(clock);

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
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.assessed(Side.LEGACY, ClaimAssessed.FraudDecision.CLEAR, 30, List.of()));
        send(pair.assessed(Side.SHADOW, ClaimAssessed.FraudDecision.REVIEW, 50, List.of("AMOUNT_OVER_5000", "SAME_DAY_HIGH_VALUE")));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(verdict.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(verdict.differences()).extracting(d -> d.path()).containsExactly("/fraudDecision", "/riskScore", "/riskReasons");
    }

    @Test
    void keysVerdictsByCorrelationIdAsCloudEvents() {
        Outcomes pair = Outcomes.forNewIntent(clock);

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
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
    }

    @Test
    void keepsOutcomeTypesOfOneTransactionApart() {
        Outcomes pair = Outcomes.forNewIntent(clock);

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
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.clearAssessment(Side.LEGACY));
        advance(WINDOW.minusSeconds(2));
        assertThat(verdictTopic.isEmpty()).isTrue();
        advance(Duration.ofSeconds(3));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.MISSING_SHADOW);
        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.legacy()).isNotNull();
        assertThat(verdict.shadow()).isNull();
        assertThat(verdict.shadowReceivedAt()).isNull();
    }

    @Test
    void classifiesMissingLegacyWhenTheWindowEnds() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.clearAssessment(Side.SHADOW));
        advance(WINDOW.plusSeconds(1));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MISSING_LEGACY);
    }

    @Test
    void usesTheWindowOfTheOutcomesContext() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        CloudEvent legacy = pair.clearAssessment(Side.LEGACY);
        CloudEvent otherContext = new CloudEvent(legacy.specVersion(), legacy.id(), legacy.type(), legacy.source(),
                legacy.time(), legacy.dataContentType(), legacy.correlationId(), legacy.causationId(), "other",
                legacy.side(), legacy.outcomeType(), legacy.outcomeStatus(), null, null, null, null, null, null, null, legacy.data());

        send(otherContext);
        advance(WINDOW.plusSeconds(1));

        assertThat(verdictTopic.isEmpty()).isTrue();
        advance(Duration.ofMinutes(10));
        assertThat(singleVerdict().classification()).isEqualTo(Classification.MISSING_SHADOW);
    }

    @Test
    void supersedesMissingWithTimingWhenTheCounterpartArrivesWithinTheGrace() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.LEGACY));
        advance(WINDOW.plusSeconds(1));
        Verdict missing = singleVerdict();

        advance(Duration.ofMinutes(1));
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
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.payment(Side.LEGACY, "976.19"));
        advance(WINDOW.plusSeconds(1));
        singleVerdict();

        send(pair.payment(Side.SHADOW, "976.18"));

        Verdict timing = singleVerdict();
        assertThat(timing.classification()).isEqualTo(Classification.TIMING);
        assertThat(timing.severity()).isEqualTo(Severity.NONE);
        assertThat(timing.differences()).isNotEmpty().allSatisfy(d -> assertThat(d.withinTolerance()).isTrue());
    }

    @Test
    void supersedesMissingWithMismatchWhenTheLateCounterpartDiffers() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.payment(Side.SHADOW, "100.00"));
        advance(WINDOW.plusSeconds(1));
        singleVerdict();

        send(pair.payment(Side.LEGACY, "150.00"));

        Verdict late = singleVerdict();
        assertThat(late.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(late.revision()).isEqualTo(2);
    }

    @Test
    void keepsTheMissingVerdictWhenTheCounterpartArrivesAfterTheGrace() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.LEGACY));
        advance(WINDOW.plusSeconds(1));
        singleVerdict();

        advance(GRACE.plusSeconds(1));
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.SHADOW));

        assertThat(verdictTopic.isEmpty()).isTrue();
        assertThat(metrics.lateBeyondGrace.get()).isEqualTo(1);
        assertThat(metrics.duplicates.get()).isEqualTo(1);
    }

    @Test
    void dropsDuplicatesOfAPendingSide() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
        assertThat(metrics.duplicates.get()).isEqualTo(1);
    }

    @Test
    void countsTheOutcomesThatWaitExactlyAsTheyArriveArePairedAndExpire() {
        var progress = driver.<String, Long>getKeyValueStore(PairCorrelator.PROGRESS_STORE);
        Outcomes paired = Outcomes.forNewIntent(clock);
        Outcomes expiring = Outcomes.forNewIntent(clock);

        send(paired.clearAssessment(Side.LEGACY));
        send(paired.clearAssessment(Side.LEGACY));
        send(expiring.clearAssessment(Side.SHADOW));
        assertThat(progress.get(CorrelationTopology.pendingCountKey())).isEqualTo(2L);

        send(paired.clearAssessment(Side.SHADOW));
        assertThat(progress.get(CorrelationTopology.pendingCountKey())).isEqualTo(1L);

        advance(WINDOW.plusSeconds(1));
        assertThat(progress.get(CorrelationTopology.pendingCountKey())).isZero();
        var pairs = driver.<String, PairState>getKeyValueStore(PairCorrelator.PAIR_STORE);
        try (var all = pairs.all()) {
            assertThat(all).toIterable().extracting(entry -> entry.value)
                    .hasSize(2).noneMatch(PendingOutcome.class::isInstance);
        }
    }

    @Test
    void dropsDuplicatesOfADecidedPair() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));
        singleVerdict();
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));
        advance(WINDOW.plus(GRACE));

        assertThat(verdictTopic.isEmpty()).isTrue();
        assertThat(metrics.duplicates.get()).isEqualTo(2);
    }

    @Test
    void forgetsDecidedPairsAfterTheRetention() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));
        singleVerdict();

        // the stream moves on: other pairs are answered an hour later
        outage(Duration.ofHours(1).plusSeconds(2));
        clock.advance(Duration.ofHours(1).plusSeconds(2));
        Outcomes next = Outcomes.forNewIntent(clock);
        send(next.clearAssessment(Side.LEGACY));
        send(next.clearAssessment(Side.SHADOW));
        singleVerdict();
        advance(Duration.ofSeconds(1));

        var pairs = driver.<String, PairState>getKeyValueStore(PairCorrelator.PAIR_STORE);
        var index = driver.<String, String>getKeyValueStore(PairCorrelator.DEADLINE_INDEX);
        String key = new dev.parallelrun.reconciliation.verdicts.domain.PairKey(pair.correlationId(),
                ClaimsContract.CLAIM_ASSESSED).asString();
        // only the key is kept, until the duplicate horizon
        assertThat(pairs.get(key)).isEqualTo(new SeenPair(START.plus(Duration.ofDays(14)).toEpochMilli()));

        outage(Duration.ofDays(14));
        clock.set(START.plus(Duration.ofDays(14)).plusSeconds(10));
        Outcomes later = Outcomes.forNewIntent(clock);
        send(later.clearAssessment(Side.LEGACY));
        send(later.clearAssessment(Side.SHADOW));
        singleVerdict();
        advance(Duration.ofSeconds(1));

        assertThat(pairs.get(key)).isNull();
    }

    @Test
    void classifiesAFailedSideAsFailed() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.failed(Side.LEGACY, ClaimsContract.PAYMENT_DECIDED));
        send(pair.payment(Side.SHADOW, "10.00"));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.FAILED);
        assertThat(verdict.legacy().get("reason").asString()).isEqualTo("legacy-timeout");
    }

    @Test
    void classifiesARejectedIntentAsDataQuality() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.rejected(Side.LEGACY, ClaimsContract.CLAIM_ASSESSED));
        send(pair.rejected(Side.SHADOW, ClaimsContract.CLAIM_ASSESSED));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.DATA_QUALITY);
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
    }

    @Test
    void classifiesALoneFailureAsFailedNotMissing() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.failed(Side.LEGACY, ClaimsContract.CLAIM_ASSESSED));
        advance(WINDOW.plusSeconds(1));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.FAILED);
    }

    @Test
    void sendsPoisonRecordsToTheDeadLetterTopicAndKeepsFlowing() {
        Outcomes pair = Outcomes.forNewIntent(clock);

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
        Outcomes pair = Outcomes.forNewIntent(clock);
        CloudEvent outcome = pair.clearAssessment(Side.LEGACY);

        legacyTopic.pipeInput("another-key", codec.write(outcome));

        assertThat(header(legacyDeadLetters.readRecord(), Headers.DLQ_REASON)).contains("must be keyed by correlation id");
    }

    @Test
    void deadLettersAShadowOutcomeOnTheLegacyTopic() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        CloudEvent outcome = pair.clearAssessment(Side.SHADOW);

        legacyTopic.pipeInput(outcome.correlationId(), codec.write(outcome));

        assertThat(header(legacyDeadLetters.readRecord(), Headers.DLQ_REASON)).contains("a shadow outcome on outcomes.legacy.v1");
    }

    @Test
    void producesTheSameVerdictIdWhenAPairIsDecidedAgain() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));
        String first = singleVerdict().verdictId();

        assertThat(first).isEqualTo(VerdictDecider.verdictId(
                new dev.parallelrun.reconciliation.verdicts.domain.PairKey(pair.correlationId(), ClaimsContract.CLAIM_ASSESSED), 1));
    }

    @Test
    void acceptsTheNewFraudModelsRicherReasonsAsAnExpectedDifference() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.assessed(Side.LEGACY, ClaimAssessed.FraudDecision.REVIEW, 45, List.of("SUSPICIOUS_DESCRIPTION")));
        send(pair.assessed(Side.SHADOW, ClaimAssessed.FraudDecision.REVIEW, 45, List.of("KEYWORD_STOLEN")));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.EXPECTED_DIFFERENCE);
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
        assertThat(verdict.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("/riskReasons");
            assertThat(d.comparator()).isEqualTo("unordered+variance:fraud-model-v2-granular-reasons");
            assertThat(d.variance()).isEqualTo("fraud-model-v2-granular-reasons");
            assertThat(d.withinTolerance()).isFalse();
        });
    }

    @Test
    void deadLettersAnOutcomeWhoseNumbersCannotBeWrittenBackAndKeepsFlowing() {
        Outcomes poisoned = Outcomes.forNewIntent(clock);
        CloudEvent outcome = poisoned.assessed(Side.LEGACY, ClaimAssessed.FraudDecision.CLEAR, 12345, List.of());
        String json = new String(codec.write(outcome), StandardCharsets.UTF_8);
        assertThat(json).contains("\"riskScore\":12345");
        byte[] unstorable = json.replace("\"riskScore\":12345", "\"riskScore\":1e10000").getBytes(StandardCharsets.UTF_8);
        Outcomes healthy = Outcomes.forNewIntent(clock);

        legacyTopic.pipeInput(outcome.correlationId(), unstorable, outcome.time());
        send(healthy.clearAssessment(Side.LEGACY));
        send(healthy.clearAssessment(Side.SHADOW));

        TestRecord<String, byte[]> dead = legacyDeadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(unstorable);
        // refused as it is read (a BigDecimal Jackson could not write back into the store or a verdict)
        assertThat(header(dead, Headers.DLQ_REASON))
                .isEqualTo("invalid CloudEvent: data/riskScore is a number with more than 9999 digits of scale, which cannot be written back");
        assertThat(singleVerdict().correlationId()).isEqualTo(healthy.correlationId());
        assertThat(metrics.deadLettered.get()).isEqualTo(1);
    }

    @Test
    void deadLettersAnOutcomeWhoseVerdictWouldExceedTheMaxRequestSize() {
        Outcomes huge = Outcomes.forNewIntent(clock);
        List<String> reasons = java.util.stream.IntStream.range(0, 1_200).mapToObj(i -> "REASON_CODE_NUMBER_" + i).toList();
        send(huge.assessed(Side.LEGACY, ClaimAssessed.FraudDecision.REVIEW, 40, reasons));
        CloudEvent shadow = huge.assessed(Side.SHADOW, ClaimAssessed.FraudDecision.REVIEW, 40, reasons);
        Outcomes healthy = Outcomes.forNewIntent(clock);

        send(shadow);
        send(healthy.clearAssessment(Side.LEGACY));
        send(healthy.clearAssessment(Side.SHADOW));

        TestRecord<String, byte[]> dead = driver.createOutputTopic(Topics.deadLetter(Topics.OUTCOMES_SHADOW),
                new StringDeserializer(), new ByteArrayDeserializer()).readRecord();
        assertThat(dead.key()).isEqualTo(huge.correlationId());
        assertThat(header(dead, Headers.DLQ_REASON)).contains("a produce request can carry");
        assertThat(singleVerdict().correlationId()).isEqualTo(healthy.correlationId());
    }

    @Test
    void neverPairsOutcomesOfTwoIntentsThatShareACorrelationId() {
        String reused = java.util.UUID.randomUUID().toString();
        Outcomes first = Outcomes.forIntent(clock, reused);
        Outcomes second = Outcomes.forIntent(clock, reused);

        send(first.payment(Side.LEGACY, "100.00"));
        send(second.payment(Side.SHADOW, "900.00"));

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.DATA_QUALITY);
        assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        assertThat(verdict.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(VerdictDecider.CAUSATION_PATH);
            assertThat(d.legacy().asString()).isEqualTo(first.intent().id());
            assertThat(d.shadow().asString()).isEqualTo(second.intent().id());
        });
    }

    @Test
    void decidesABacklogReadAfterAnOutageAsItWouldHaveWithoutTheOutage() {
        Outcomes answeredInTime = Outcomes.forNewIntent(clock);
        Outcomes shadowNeverAnswered = Outcomes.forNewIntent(clock);
        send(answeredInTime.clearAssessment(Side.LEGACY));
        send(shadowNeverAnswered.clearAssessment(Side.LEGACY));

        // reconciliation is down for 10 minutes; meanwhile the shadow answers 2 s later, and traffic goes on
        outage(Duration.ofMinutes(10));
        assertThat(verdictTopic.isEmpty()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        send(answeredInTime.clearAssessment(Side.SHADOW));
        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
        advance(Duration.ofSeconds(1));
        assertThat(verdictTopic.isEmpty()).as("the backlog has not passed the window yet").isTrue();

        clock.advance(WINDOW);
        Outcomes later = Outcomes.forNewIntent(clock);
        send(later.clearAssessment(Side.LEGACY));
        send(later.clearAssessment(Side.SHADOW));
        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
        advance(Duration.ofSeconds(1));

        Verdict missing = singleVerdict();
        assertThat(missing.correlationId()).isEqualTo(shadowNeverAnswered.correlationId());
        assertThat(missing.classification()).isEqualTo(Classification.MISSING_SHADOW);
    }

    @Test
    void classifiesACounterpartThatAnsweredLateAsTimingEvenWhenBothAreReadTogether() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        CloudEvent legacy = pair.clearAssessment(Side.LEGACY);
        clock.advance(WINDOW.plusSeconds(20));
        CloudEvent shadow = pair.clearAssessment(Side.SHADOW);
        clock.set(START);

        outage(Duration.ofMinutes(10));
        send(legacy);
        send(shadow);

        Verdict verdict = singleVerdict();
        assertThat(verdict.classification()).isEqualTo(Classification.TIMING);
        assertThat(metrics.lateWithinGrace.get()).isEqualTo(1);
    }

    @Test
    void dropsARedeliveredOutcomeLongAfterItsPairWasDecided() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        CloudEvent legacy = pair.clearAssessment(Side.LEGACY);
        send(legacy);
        send(pair.clearAssessment(Side.SHADOW));
        singleVerdict();

        // three days later the adapter republishes its stored outcome, among fresh traffic
        outage(Duration.ofDays(3));
        clock.advance(Duration.ofDays(3));
        Outcomes fresh = Outcomes.forNewIntent(clock);
        send(fresh.clearAssessment(Side.LEGACY));
        send(fresh.clearAssessment(Side.SHADOW));
        singleVerdict();
        advance(Duration.ofSeconds(30));
        legacyTopic.pipeInput(legacy.correlationId(), codec.write(legacy), clock.instant());
        advance(WINDOW.plus(GRACE));

        assertThat(verdictTopic.isEmpty()).isTrue();
        assertThat(metrics.duplicates.get()).isEqualTo(1);
    }

    @Test
    void classifiesAnIntentNeitherSideAnsweredAsUnansweredPerExpectedOutcomeType() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent());

        advance(WINDOW.plus(GRACE).minusSeconds(5));
        assertThat(verdictTopic.isEmpty()).isTrue();
        advance(Duration.ofSeconds(6));

        List<Verdict> verdicts = verdictTopic.readValuesToList().stream().map(this::verdict).toList();
        assertThat(verdicts).extracting(Verdict::outcomeType)
                .containsExactlyInAnyOrder(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED);
        assertThat(verdicts).allSatisfy(v -> {
            assertThat(v.classification()).isEqualTo(Classification.UNANSWERED);
            assertThat(v.correlationId()).isEqualTo(pair.correlationId());
            assertThat(v.legacy()).isNull();
            assertThat(v.shadow()).isNull();
            assertThat(v.legacyReceivedAt()).isNull();
        });
    }

    @Test
    void expectsOnlyTheOutcomeTypesNobodyAnswered() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent());
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));
        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);

        advance(WINDOW.plus(GRACE).plusSeconds(1));

        Verdict unanswered = singleVerdict();
        assertThat(unanswered.outcomeType()).isEqualTo(ClaimsContract.PAYMENT_DECIDED);
        assertThat(unanswered.classification()).isEqualTo(Classification.UNANSWERED);
    }

    @Test
    void expectsNothingOfAnIntentWhoseOutcomeWasReadFirst() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.payment(Side.SHADOW, "10.00"));
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.payment(Side.LEGACY, "10.00"));
        sendIntent(pair.intent());

        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(verdictTopic.readValuesToList()).hasSize(2)
                .allSatisfy(bytes -> assertThat(verdict(bytes).classification()).isEqualTo(Classification.MATCH));
    }

    @Test
    void supersedesUnansweredWhenTheAnswersComeAfterAll() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent());
        advance(WINDOW.plus(GRACE).plusSeconds(1));
        Verdict unanswered = verdictTopic.readValuesToList().stream().map(this::verdict)
                .filter(v -> v.outcomeType().equals(ClaimsContract.CLAIM_ASSESSED)).findFirst().orElseThrow();

        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));

        Verdict late = singleVerdict();
        assertThat(late.classification()).isEqualTo(Classification.MATCH);
        assertThat(late.revision()).isEqualTo(2);
        assertThat(late.supersedes()).isEqualTo(unanswered.verdictId());
    }

    @Test
    void expectsNoShadowAnswerForAnIntentSamplingLeftOut() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent().withSampled(false));
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.payment(Side.LEGACY, "10.00"));

        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(verdictTopic.isEmpty()).isTrue();
        assertThat(metrics.unsampled).containsExactly("claims");
    }

    @Test
    void expectsNoShadowAnswerForAnIntentSamplingLeftOutThatIsReadAfterItsLegacyOutcomes() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.payment(Side.LEGACY, "10.00"));
        advance(Duration.ofSeconds(1));
        sendIntent(pair.intent().withSampled(false));

        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(verdictTopic.isEmpty()).isTrue();
        assertThat(metrics.unsampled).containsExactly("claims");
    }

    @Test
    void stillReportsAMissingShadowForASampledIntentReadAfterItsLegacyOutcome() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.LEGACY));
        sendIntent(pair.intent());
        send(pair.payment(Side.LEGACY, "10.00"));
        send(pair.payment(Side.SHADOW, "10.00"));

        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(verdictTopic.readValuesToList()).extracting(bytes -> verdict(bytes).classification())
                .containsExactlyInAnyOrder(Classification.MISSING_SHADOW, Classification.MATCH);
        assertThat(metrics.unsampled).isEmpty();
    }

    @Test
    void comparesAShadowAnswerToAnIntentSamplingLeftOutAsUsual() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent().withSampled(false));
        send(pair.payment(Side.LEGACY, "976.19"));
        send(pair.payment(Side.SHADOW, "970.00"));
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));

        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(verdictTopic.readValuesToList()).extracting(bytes -> verdict(bytes).classification())
                .containsExactly(Classification.MISMATCH, Classification.MATCH);
    }

    @Test
    void comparesAShadowAnswerToAnIntentSamplingLeftOutThatIsReadAfterTheLegacyOutcome() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        send(pair.clearAssessment(Side.LEGACY));
        sendIntent(pair.intent().withSampled(false));
        advance(Duration.ofSeconds(1));
        send(pair.clearAssessment(Side.SHADOW));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
    }

    @Test
    void reportsAMissingLegacyForAnIntentSamplingLeftOutThatOnlyTheShadowAnswered() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent().withSampled(false));
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.payment(Side.LEGACY, "10.00"));

        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MISSING_LEGACY);
    }

    @Test
    void givesAnIntentSamplingLeftOutThatNobodyAnswersUnansweredAndNoMissingShadowWhenLegacyAnswersLate() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent().withSampled(false));
        advance(WINDOW.plus(GRACE).plusSeconds(1));
        assertThat(verdictTopic.readValuesToList()).extracting(bytes -> verdict(bytes).classification())
                .containsExactly(Classification.UNANSWERED, Classification.UNANSWERED);

        send(pair.clearAssessment(Side.LEGACY));
        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(verdictTopic.isEmpty()).isTrue();
    }

    @Test
    void countsAnIntentSamplingLeftOutOnceWhenItIsDeliveredTwice() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent().withSampled(false));
        sendIntent(pair.intent().withSampled(false));

        assertThat(metrics.unsampled).containsExactly("claims");
    }

    @Test
    void skipsAnUnreadableIntentAndKeepsFlowing() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        intentTopic.pipeInput("some-key", "{not json".getBytes(StandardCharsets.UTF_8));
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.clearAssessment(Side.SHADOW));

        assertThat(singleVerdict().classification()).isEqualTo(Classification.MATCH);
        assertThat(metrics.intentsSkipped.get()).isEqualTo(1);
    }

    /** Sends an outcome as its participant would: record timestamp = when it answered. */
    private void send(CloudEvent outcome) {
        TestInputTopic<String, byte[]> topic = outcome.outcomeSide() == Side.LEGACY ? legacyTopic : shadowTopic;
        topic.pipeInput(outcome.correlationId(), codec.write(outcome), outcome.time());
    }

    private void sendIntent(CloudEvent intent) {
        intentTopic.pipeInput(intent.correlationId(), codec.write(intent), intent.time());
    }

    /**
     * Time passes for everyone; the punctuator runs at least every few seconds, as it does in production
     * (a longer gap means reconciliation was not running: see {@link #outage}).
     */
    private void advance(Duration duration) {
        Duration left = duration;
        while (!left.isZero()) {
            Duration step = left.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : left;
            driver.advanceWallClockTime(step);
            clock.advance(step);
            left = left.minus(step);
        }
    }

    /** Reconciliation is down: the wall clock moves while no punctuation runs; the participants go on answering. */
    private void outage(Duration duration) {
        driver.advanceWallClockTime(duration);
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

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
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

    static final class CountingMetrics implements CorrelationMetrics {
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger lateWithinGrace = new AtomicInteger();
        final AtomicInteger lateBeyondGrace = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final AtomicInteger intentsSkipped = new AtomicInteger();
        final List<String> unsampled = new java.util.concurrent.CopyOnWriteArrayList<>();
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

        @Override
        public void intentSkipped(String topic) {
            intentsSkipped.incrementAndGet();
        }

        @Override
        public void intentUnsampled(String context) {
            unsampled.add(context);
        }
    }
}
