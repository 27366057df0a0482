package dev.parallelrun.reconciliation.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.correlation.CorrelationTopologyTest.CountingMetrics;
import dev.parallelrun.reconciliation.correlation.CorrelationTopologyTest.MutableClock;
import dev.parallelrun.reconciliation.correlation.authoritative.AuthorityMetrics;
import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

/** The authoritative stream and the fallback, on the whole correlation topology. */
class AuthoritativeStreamTopologyTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private final EventCodec codec = EventCodec.standard();
    private final CountingMetrics metrics = new CountingMetrics();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RuleBasedComparator comparator = RuleSetFixtures.comparator(RuleSetFixtures.claims());
    private final MutableClock clock = new MutableClock(START);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> legacyTopic;
    private TestInputTopic<String, byte[]> shadowTopic;
    private TestInputTopic<String, byte[]> intentTopic;
    private TestOutputTopic<String, byte[]> authoritativeTopic;
    private TestOutputTopic<String, byte[]> fallbackTopic;
    private TestOutputTopic<String, byte[]> verdictTopic;

    @BeforeEach
    void startTopology() {
        CorrelationPolicy policy = new CorrelationPolicy(new CorrelationPolicy.Timing(WINDOW, GRACE), Map.of(),
                Duration.ofHours(1));
        Map<String, List<String>> types = Map.of("claims",
                List.of(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED));
        var topology = CorrelationTopology.build(new VerdictDecider(comparator), policy, new IntentExpectations(types),
                metrics, new AuthorityMetrics(registry, types), Duration.ofSeconds(1), 64 * 1024);
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
        authoritativeTopic = driver.createOutputTopic(Topics.AUTHORITATIVE_OUTCOMES, new StringDeserializer(),
                new ByteArrayDeserializer());
        fallbackTopic = driver.createOutputTopic(Topics.intents("claims"), new StringDeserializer(), new ByteArrayDeserializer());
        verdictTopic = driver.createOutputTopic(Topics.VERDICTS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void publishesLegacysOutcomeAtOnceWhenLegacyIsAuthoritative() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent());
        CloudEvent legacyAssessment = pair.clearAssessment(Side.LEGACY);

        send(legacyAssessment);

        TestRecord<String, byte[]> published = authoritativeTopic.readRecord();
        assertThat(published.key()).isEqualTo(pair.correlationId());
        assertThat(published.value()).as("the outcome, unchanged").isEqualTo(codec.write(legacyAssessment));
        assertThat(verdictTopic.isEmpty()).as("published before the comparison").isTrue();

        send(pair.clearAssessment(Side.SHADOW));
        send(pair.payment(Side.SHADOW, "10.00"));
        send(pair.payment(Side.LEGACY, "10.00"));

        List<CloudEvent> rest = published();
        assertThat(rest).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcomeType()).isEqualTo(ClaimsContract.PAYMENT_DECIDED);
            assertThat(outcome.outcomeSide()).isEqualTo(Side.LEGACY);
        });
    }

    @Test
    void publishesLegacysFailureWhenLegacyIsAuthoritative() {
        Outcomes pair = Outcomes.forNewIntent(clock);

        send(pair.failed(Side.LEGACY, ClaimsContract.PAYMENT_DECIDED));
        send(pair.payment(Side.SHADOW, "10.00"));
        advance(WINDOW.plus(GRACE));

        assertThat(published()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcomeSide()).isEqualTo(Side.LEGACY);
            assertThat(outcome.outcomeStatus()).isEqualTo("failed");
        });
        assertThat(fallbackTopic.isEmpty()).as("nobody to fall back to").isTrue();
    }

    @Test
    void publishesTheShadowsOutcomeWhenTheNewServiceIsAuthoritativeAndNeverLegacysSimulatedOne() {
        Outcomes pair = Outcomes.forNewIntent(clock).authoritative(Side.SHADOW);
        sendIntent(pair.intent());

        send(pair.clearAssessment(Side.LEGACY));
        send(pair.payment(Side.LEGACY, "10.00"));
        assertThat(authoritativeTopic.isEmpty()).as("legacy only simulated: a reverse shadow").isTrue();
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.payment(Side.SHADOW, "10.00"));
        advance(WINDOW.plus(GRACE));

        assertThat(published()).allSatisfy(outcome -> assertThat(outcome.outcomeSide()).isEqualTo(Side.SHADOW))
                .extracting(CloudEvent::outcomeType)
                .containsExactly(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED);
        assertThat(fallbackTopic.isEmpty()).isTrue();
        assertThat(verdicts()).extracting(Verdict::classification).containsOnly(Classification.MATCH);
    }

    @Test
    void publishesOnceWhenAnOutcomeIsDeliveredTwiceOrRedeliveredLater() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        CloudEvent legacy = pair.clearAssessment(Side.LEGACY);

        send(legacy);
        send(legacy);
        send(pair.clearAssessment(Side.SHADOW));
        advance(WINDOW.plus(GRACE));
        // two hours on, the adapter republishes its stored outcome
        driver.advanceWallClockTime(Duration.ofHours(2));
        clock.advance(Duration.ofHours(2));
        send(legacy);

        assertThat(authoritativeTopic.readValuesToList()).hasSize(1);
    }

    @Test
    void fallsBackOnceWhenTheAuthoritativeNewServiceFailsAndPublishesTheFallbacksAnswers() {
        Outcomes pair = Outcomes.forNewIntent(clock).authoritative(Side.SHADOW);
        CloudEvent intent = pair.intent();
        sendIntent(intent);
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));
        advance(Duration.ofSeconds(2));

        send(pair.failed(Side.SHADOW, ClaimsContract.PAYMENT_DECIDED));
        send(pair.failed(Side.SHADOW, ClaimsContract.PAYMENT_DECIDED));
        send(pair.payment(Side.LEGACY, "10.00"));
        advance(WINDOW.plus(GRACE));

        List<TestRecord<String, byte[]>> fallbacks = fallbackTopic.readRecordsToList();
        assertThat(fallbacks).hasSize(1);
        TestRecord<String, byte[]> record = fallbacks.get(0);
        CloudEvent fallback = codec.read(record.value());
        assertThat(record.key()).isEqualTo(pair.correlationId());
        assertThat(fallback.id()).isEqualTo(UUID.nameUUIDFromBytes((intent.id() + "|fallback")
                .getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(fallback.causationId()).isEqualTo(intent.id());
        assertThat(fallback.correlationId()).isEqualTo(intent.correlationId());
        assertThat(fallback.authority()).isEqualTo("legacy");
        assertThat(fallback.authorityDecision()).isEqualTo(intent.authorityDecision());
        assertThat(fallback.isFallback()).isTrue();
        assertThat(fallback.type()).isEqualTo(intent.type());
        assertThat(fallback.data()).isEqualTo(intent.data());
        assertThat(fallback.time()).isEqualTo(START.plusSeconds(2));
        assertThat(new String(record.headers().lastHeader("parallelrun-fallback-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("failed");
        assertThat(published()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcomeType()).isEqualTo(ClaimsContract.CLAIM_ASSESSED);
            assertThat(outcome.outcomeSide()).isEqualTo(Side.SHADOW);
        });
        List<Verdict> before = verdicts();
        assertThat(before).extracting(Verdict::classification)
                .containsExactlyInAnyOrder(Classification.MATCH, Classification.FAILED);

        int duplicatesBefore = metrics.duplicates.get();

        // the legacy adapter executes the fallback for real; its outcomes carry fallback=true
        Outcomes fallbackAnswers = pair.answering(fallback);
        send(fallbackAnswers.clearAssessment(Side.LEGACY));
        send(fallbackAnswers.payment(Side.LEGACY, "10.00"));
        send(fallbackAnswers.payment(Side.LEGACY, "10.00"));
        advance(WINDOW.plus(GRACE));

        assertThat(published()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcomeType()).isEqualTo(ClaimsContract.PAYMENT_DECIDED);
            assertThat(outcome.outcomeSide()).isEqualTo(Side.LEGACY);
            assertThat(outcome.isFallback()).isTrue();
        });
        assertThat(verdictTopic.isEmpty()).as("fallback answers are not compared").isTrue();
        assertThat(metrics.duplicates.get()).as("nor counted as duplicates of the pair").isEqualTo(duplicatesBefore);
        assertThat(metrics.deadLettered.get()).isZero();
        assertThat(fallbackTopic.isEmpty()).as("at most once").isTrue();
    }

    @Test
    void fallsBackWhenTheAuthoritativeNewServiceIsMissingAtTheWindowsEnd() {
        Outcomes pair = Outcomes.forNewIntent(clock).authoritative(Side.SHADOW);
        sendIntent(pair.intent());
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.clearAssessment(Side.LEGACY));
        send(pair.payment(Side.LEGACY, "10.00"));

        advance(WINDOW.minusSeconds(2));
        assertThat(fallbackTopic.isEmpty()).isTrue();
        advance(Duration.ofSeconds(3));

        TestRecord<String, byte[]> record = fallbackTopic.readRecord();
        assertThat(codec.read(record.value()).causationId()).isEqualTo(pair.intent().id());
        assertThat(new String(record.headers().lastHeader("parallelrun-fallback-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("missing");
        advance(GRACE.plus(WINDOW));
        assertThat(fallbackTopic.isEmpty()).isTrue();

        send(pair.payment(Side.SHADOW, "10.00"));
        assertThat(published()).as("after the fallback, legacy's answer is the truth for what was missing")
                .extracting(CloudEvent::outcomeType).containsExactly(ClaimsContract.CLAIM_ASSESSED);
    }

    @Test
    void fallsBackWhenTheNewServicesFailureIsReadBeforeItsIntent() {
        Outcomes pair = Outcomes.forNewIntent(clock).authoritative(Side.SHADOW);

        send(pair.failed(Side.SHADOW, ClaimsContract.CLAIM_ASSESSED));
        assertThat(fallbackTopic.isEmpty()).isTrue();
        sendIntent(pair.intent());

        assertThat(codec.read(fallbackTopic.readRecord().value()).causationId()).isEqualTo(pair.intent().id());
        advance(WINDOW.plus(GRACE));
        assertThat(fallbackTopic.isEmpty()).isTrue();
    }

    @Test
    void neverFallsBackForAnIntentLegacyIsAuthoritativeFor() {
        Outcomes pair = Outcomes.forNewIntent(clock).authoritative(Side.LEGACY);
        sendIntent(pair.intent());
        send(pair.failed(Side.SHADOW, ClaimsContract.CLAIM_ASSESSED));

        advance(WINDOW.plus(GRACE));

        assertThat(fallbackTopic.isEmpty()).isTrue();
    }

    @Test
    void neverPublishesAReplaysOutcomesNorFallsBackForIt() {
        Outcomes replay = Outcomes.forNewIntent(clock).authoritative(Side.SHADOW).replayed();
        sendIntent(replay.intent());
        send(replay.clearAssessment(Side.LEGACY));
        send(replay.failed(Side.SHADOW, ClaimsContract.CLAIM_ASSESSED));
        Outcomes legacyReplay = Outcomes.forNewIntent(clock).replayed();
        send(legacyReplay.clearAssessment(Side.LEGACY));
        send(legacyReplay.clearAssessment(Side.SHADOW));

        advance(WINDOW.plus(GRACE));

        assertThat(authoritativeTopic.isEmpty()).isTrue();
        assertThat(fallbackTopic.isEmpty()).isTrue();
    }

    @Test
    void expectsNoOutcomeOfAFallbackIntent() {
        Outcomes pair = Outcomes.forNewIntent(clock).authoritative(Side.SHADOW);
        CloudEvent intent = pair.intent();

        sendIntent(intent.asFallback(UUID.randomUUID().toString(), clock.instant()));
        advance(WINDOW.plus(GRACE).plusSeconds(1));

        assertThat(verdictTopic.isEmpty()).as("no UNANSWERED for a fallback").isTrue();
        assertThat(fallbackTopic.isEmpty()).as("and no fallback of a fallback").isTrue();
    }

    @Test
    void forgetsIntentsAfterWindowAndGraceAndWhatItPublishedAfterTheDuplicateHorizon() {
        Outcomes pair = Outcomes.forNewIntent(clock).authoritative(Side.SHADOW);
        sendIntent(pair.intent());
        send(pair.clearAssessment(Side.SHADOW));
        send(pair.payment(Side.SHADOW, "10.00"));
        var intents = driver.<String, Object>getKeyValueStore("authoritative-intents");
        var emitted = driver.<String, Long>getKeyValueStore("authoritative-emitted");
        assertThat(entries(intents)).isEqualTo(1);
        assertThat(entries(emitted)).isEqualTo(2);

        advance(WINDOW.plus(GRACE).plusSeconds(5));
        assertThat(intents.get(pair.correlationId())).isNull();
        assertThat(entries(emitted)).as("kept against redeliveries").isEqualTo(2);

        // 14 days on (the duplicate horizon), traffic moves event time past it
        driver.advanceWallClockTime(Duration.ofDays(14));
        clock.set(START.plus(Duration.ofDays(14)).plusSeconds(10));
        Outcomes later = Outcomes.forNewIntent(clock);
        send(later.clearAssessment(Side.LEGACY));
        advance(Duration.ofSeconds(1));

        assertThat(emitted.get(new dev.parallelrun.reconciliation.verdicts.domain.PairKey(pair.correlationId(),
                ClaimsContract.CLAIM_ASSESSED).asString())).isNull();
        assertThat(entries(emitted)).isEqualTo(1);
    }

    @Test
    void measuresEachSidesLatencyOncePerOutcomeType() {
        Outcomes pair = Outcomes.forNewIntent(clock);
        sendIntent(pair.intent());
        clock.advance(Duration.ofSeconds(1));
        CloudEvent shadow = pair.clearAssessment(Side.SHADOW);
        clock.advance(Duration.ofSeconds(2));
        CloudEvent legacy = pair.clearAssessment(Side.LEGACY);
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        send(shadow);
        send(legacy);
        send(legacy);
        send(pair.replayed().clearAssessment(Side.LEGACY));

        assertThat(latency("shadow").count()).isEqualTo(1);
        assertThat(latency("shadow").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1000);
        assertThat(latency("legacy").count()).isEqualTo(1);
        assertThat(latency("legacy").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
    }

    private static long entries(org.apache.kafka.streams.state.KeyValueStore<String, ?> store) {
        long count = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private Timer latency(String side) {
        return registry.get("parallelrun.side.latency").tag("context", "claims").tag("side", side)
                .tag("outcome_type", ClaimsContract.CLAIM_ASSESSED).timer();
    }

    private List<CloudEvent> published() {
        return authoritativeTopic.readValuesToList().stream().map(codec::read).toList();
    }

    private List<Verdict> verdicts() {
        return verdictTopic.readValuesToList().stream().map(bytes -> codec.data(codec.read(bytes).data(), Verdict.class))
                .toList();
    }

    private void send(CloudEvent outcome) {
        TestInputTopic<String, byte[]> topic = outcome.outcomeSide() == Side.LEGACY ? legacyTopic : shadowTopic;
        topic.pipeInput(outcome.correlationId(), codec.write(outcome), outcome.time());
    }

    private void sendIntent(CloudEvent intent) {
        intentTopic.pipeInput(intent.correlationId(), codec.write(intent), intent.time());
    }

    /** Time passes for everyone, the punctuator running every few seconds as in production. */
    private void advance(Duration duration) {
        Duration left = duration;
        while (!left.isZero()) {
            Duration step = left.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : left;
            driver.advanceWallClockTime(step);
            clock.advance(step);
            left = left.minus(step);
        }
    }
}
