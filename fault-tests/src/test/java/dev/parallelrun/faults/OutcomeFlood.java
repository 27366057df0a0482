package dev.parallelrun.faults;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Floods both outcome topics with pairs at a steady rate, in a thread of its own, and remembers what it
 * sent: every pair (correlation id, outcome type) with the classification it should get, the partition
 * of each correlation id, the duplicates and the poison records.
 *
 * <p>A pair is one outcome type of one intent, answered by both sides: each intent makes two pairs.
 * The shadow side follows its legacy counterpart after {@code shadowLag}; every {@code duplicateEvery}-th
 * outcome is delivered a second time (alternately right away and two seconds later); after every
 * {@code poisonEvery}-th outcome comes a poison record with a correlation id of its own (alternately
 * malformed JSON and an unprocessable value, alternately on either topic).
 */
final class OutcomeFlood implements AutoCloseable {

    static final String LEGACY_TOPIC = "outcomes.legacy.v1";
    static final String SHADOW_TOPIC = "outcomes.shadow.v1";

    record Options(int pairs, int ratePerSecond, Duration shadowLag, int duplicateEvery, int poisonEvery) {
        static Options of(int pairs, int ratePerSecond) {
            return new Options(pairs, ratePerSecond, Duration.ZERO, 0, 0);
        }

        Options withShadowLag(Duration lag) {
            return new Options(pairs, ratePerSecond, lag, duplicateEvery, poisonEvery);
        }

        Options withDuplicateEvery(int every) {
            return new Options(pairs, ratePerSecond, shadowLag, every, poisonEvery);
        }

        Options withPoisonEvery(int every) {
            return new Options(pairs, ratePerSecond, shadowLag, duplicateEvery, every);
        }
    }

    /** A poison record as sent. */
    record Poison(String correlationId, String topic, String kind) {
    }

    private record Due(long atNanos, long sequence, String topic, String key, byte[] value, boolean legacyGood) {
    }

    private final Options options;
    private final String run;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, String> expectedByPair = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionByCorrelation = new ConcurrentHashMap<>();
    private final List<Poison> poison = new CopyOnWriteArrayList<>();
    private final AtomicLong generatedPairs = new AtomicLong();
    private final AtomicLong duplicatesSent = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean openEnded;
    private volatile long generateUpTo = Long.MAX_VALUE;
    private volatile Instant finishedAt;
    private long sequence;
    private long outcomes;

    private OutcomeFlood(String bootstrapServers, String run, Options options) {
        this.options = options;
        this.run = run;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // the flood outlives a broker restart: keep retrying rather than losing what it counted as sent
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "fault-flood-" + run);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::flood, "outcome-flood-" + run);
        this.thread.setDaemon(true);
    }

    static OutcomeFlood start(String bootstrapServers, String run, Options options) {
        OutcomeFlood flood = new OutcomeFlood(bootstrapServers, run, options);
        flood.thread.start();
        return flood;
    }

    private void flood() {
        PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
                ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.sequence, b.sequence));
        long started = System.nanoTime();
        long generated = 0;
        while (!stopped && (generated < intents() || !queue.isEmpty())) {
            long now = System.nanoTime();
            long due = Math.min(intents(), (now - started) * options.ratePerSecond() / 2 / 1_000_000_000L + 1);
            while (generated < due) {
                enqueueIntent(queue, generated++, now);
            }
            while (!queue.isEmpty() && queue.peek().atNanos() <= now) {
                send(queue.poll());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        producer.flush();
        finishedAt = Instant.now();
    }

    /** How many intents to generate: {@code pairs / 2}, or while open-ended until {@link #finish()}. */
    private long intents() {
        return openEnded ? generateUpTo : (options.pairs() + 1) / 2;
    }

    /**
     * Keeps generating past {@code pairs} until {@link #finish()}, for scenarios whose faults take as long as
     * they take (an instance starting under load) and must all land while outcomes still flow.
     */
    OutcomeFlood openEnded() {
        openEnded = true;
        return this;
    }

    /** Ends an open-ended flood once at least {@code pairs} pairs are generated; what is queued is still sent. */
    void finish() {
        awaitGeneratedPairs(options.pairs());
        generateUpTo = (generatedPairs.get() + 1) / 2;
    }

    private void enqueueIntent(PriorityQueue<Due> queue, long index, long now) {
        String intentId = uuid("intent", index);
        String correlationId = uuid("correlation", index);
        OutcomeEvents.Kind kind = OutcomeEvents.Kind.of(index);
        Instant time = Instant.now();
        for (String outcomeType : List.of(OutcomeEvents.CLAIM_ASSESSED, OutcomeEvents.PAYMENT_DECIDED)) {
            enqueueOutcome(queue, now, LEGACY_TOPIC, correlationId, true,
                    OutcomeEvents.outcome(intentId, correlationId, OutcomeEvents.LEGACY, outcomeType, kind, time));
            enqueueOutcome(queue, now + options.shadowLag().toNanos(), SHADOW_TOPIC, correlationId, false,
                    OutcomeEvents.outcome(intentId, correlationId, OutcomeEvents.SHADOW, outcomeType, kind,
                            time.plus(options.shadowLag())));
            expectedByPair.put(pairKey(correlationId, outcomeType), kind.expected(outcomeType));
            generatedPairs.incrementAndGet();
        }
    }

    private void enqueueOutcome(PriorityQueue<Due> queue, long at, String topic, String key, boolean legacy, byte[] value) {
        queue.add(new Due(at, sequence++, topic, key, value, legacy));
        outcomes++;
        if (options.duplicateEvery() > 0 && outcomes % options.duplicateEvery() == 0) {
            long later = (outcomes / options.duplicateEvery()) % 2 == 0 ? 0 : TimeUnit.SECONDS.toNanos(2);
            queue.add(new Due(at + later, sequence++, topic, key, value, false));
            duplicatesSent.incrementAndGet();
        }
        if (options.poisonEvery() > 0 && outcomes % options.poisonEvery() == 0) {
            long n = outcomes / options.poisonEvery();
            String correlationId = uuid("poison", n);
            String poisonTopic = n % 2 == 0 ? LEGACY_TOPIC : SHADOW_TOPIC;
            boolean malformed = (n / 2) % 2 == 0;
            byte[] bytes = malformed ? OutcomeEvents.malformed(correlationId)
                    : OutcomeEvents.unprocessable(uuid("poison-intent", n), correlationId,
                            poisonTopic.equals(LEGACY_TOPIC) ? OutcomeEvents.LEGACY : OutcomeEvents.SHADOW, Instant.now());
            queue.add(new Due(at, sequence++, poisonTopic, correlationId, bytes, false));
            poison.add(new Poison(correlationId, poisonTopic, malformed ? "malformed JSON" : "riskScore 1e10000"));
        }
    }

    private void send(Due due) {
        producer.send(new ProducerRecord<>(due.topic(), due.key(), due.value()), (metadata, e) -> {
            if (e != null) {
                failedSends.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            } else if (due.legacyGood()) {
                partitionByCorrelation.put(due.key(), metadata.partition());
            }
        });
    }

    private String uuid(String what, long index) {
        return UUID.nameUUIDFromBytes((run + "|" + what + "|" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String pairKey(String correlationId, String outcomeType) {
        return correlationId + "|" + outcomeType;
    }

    /** Blocks until the flood has generated at least this many pairs (a point "mid-flood" to inject a fault at). */
    void awaitGeneratedPairs(long pairs) {
        await("flood past " + pairs + " pairs").atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> generatedPairs.get() >= (openEnded ? pairs : Math.min(pairs, options.pairs())) || finishedAt != null);
    }

    /** Blocks until every record is sent and acknowledged. */
    void awaitFinished(Duration timeout) {
        await("flood finished").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> finishedAt != null);
        if (failedSends.get() > 0) {
            throw new IllegalStateException(failedSends.get() + " outcome sends failed", firstFailure.get());
        }
    }

    Map<String, String> expectedByPair() {
        return expectedByPair;
    }

    Map<String, Integer> partitionByCorrelation() {
        return partitionByCorrelation;
    }

    List<Poison> poison() {
        return poison;
    }

    long duplicatesSent() {
        return duplicatesSent.get();
    }

    long generatedPairs() {
        return generatedPairs.get();
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
