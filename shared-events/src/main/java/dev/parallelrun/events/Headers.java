package dev.parallelrun.events;

/** Names of HTTP and Kafka headers that cross service lines. */
public final class Headers {
    /** HTTP: the channel's API key at the ingress. */
    public static final String API_KEY = "X-Api-Key";
    /** HTTP: a correlation id the channel wants to use for the business transaction. */
    public static final String CORRELATION_ID = "X-Correlation-Id";
    /** HTTP: makes a POST safe to retry (same key and body: same answer, no second event). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Kafka: on a dead-letter record, why it could not be processed. */
    public static final String DLQ_REASON = "dlq-reason";
    /** Kafka: on a dead-letter record, the topic it was read from. */
    public static final String DLQ_ORIGINAL_TOPIC = "dlq-original-topic";
    /** Kafka: on a dead-letter record, the partition it was read from. */
    public static final String DLQ_ORIGINAL_PARTITION = "dlq-original-partition";
    /** Kafka: on a dead-letter record, its offset in the original partition. */
    public static final String DLQ_ORIGINAL_OFFSET = "dlq-original-offset";

    /**
     * Kafka: on an intent a replay or noise run published, its replay id (the same as the event's {@code replayid}),
     * so that counting replayed intents needs no decoding.
     */
    public static final String REPLAY_ID = "parallelrun-replay-id";

    private Headers() {
    }
}
