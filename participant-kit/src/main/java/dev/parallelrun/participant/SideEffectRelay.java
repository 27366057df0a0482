package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outbox relay: performs the side effects the {@link SideEffectGate} recorded as
 * {@link SideEffectStatus#DISPATCHED}, by publishing each on {@value #TOPIC}, the sink downstream systems (payments,
 * letters, documents) consume and anyone can inspect.
 *
 * <p>Every {@code participant.relay.interval}, one transaction selects at most {@code participant.relay.batch-size}
 * dispatched rows that are not relayed yet, oldest first, {@code FOR UPDATE SKIP LOCKED} (so several instances share
 * the backlog without relaying a row twice at once), publishes each, waits for the broker's acknowledgement of all
 * ({@code acks=all}, idempotent producer, at most {@code participant.publish-timeout}) and only then sets
 * {@code relayed_at} and commits. A suppressed side effect is never selected.
 *
 * <p>Exactly once in effect, not on the wire: a crash (or a lost database connection) after the broker acknowledged
 * and before the commit leaves the rows unrelayed, and the next run publishes them again, with the same event id (the
 * side effect's id, {@link SideEffectGate#idOf}) and the same bytes (the event's time is when the gate dispatched it).
 * Consumers of {@value #TOPIC} therefore de-duplicate by event id, as every consumer on the platform does.
 *
 * <p>The event: {@code id} = the side effect's id, {@code type} = {@code sideeffect.<TYPE>.v1}, {@code correlationid}
 * and the record key = the business transaction, {@code causationid} = the intent that asked for it, {@code data} =
 * {@code {"type", "payload"}}.
 */
public final class SideEffectRelay implements SchedulingConfigurer {

    /** Where dispatched side effects are performed: one event per side effect, keyed by correlation id. */
    public static final String TOPIC = Topics.SIDE_EFFECTS_DISPATCHED;

    private static final Logger log = LoggerFactory.getLogger(SideEffectRelay.class);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final KafkaTemplate<String, Object> kafkaTemplate;
    private final EventCodec codec;
    private final ParticipantMetrics metrics;
    private final Clock clock;
    private final String source;
    private final ParticipantProperties.Relay relay;
    private final Duration publishTimeout;
    private final AtomicLong backlog = new AtomicLong();

    SideEffectRelay(JdbcClient jdbc, TransactionOperations transactions, KafkaTemplate<String, Object> kafkaTemplate,
            EventCodec codec, ParticipantMetrics metrics, Clock clock, ParticipantProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafkaTemplate = kafkaTemplate;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
        this.source = properties.source();
        this.relay = properties.relay();
        this.publishTimeout = properties.publishTimeout();
        metrics.relayBacklog(backlog::get);
    }

    /** The CloudEvents type a side effect of that type is relayed as. */
    public static String eventType(String sideEffectType) {
        return "sideeffect." + sideEffectType + ".v1";
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::relayPending, relay.interval());
    }

    /**
     * Relays batches until a batch is not full (so a backlog drains without waiting an interval per batch); a failure
     * ends the run, and the next run tries the same rows again.
     *
     * @return how many side effects this run relayed
     */
    public int relayPending() {
        int relayed = 0;
        try {
            int batch;
            do {
                batch = relayBatch();
                relayed += batch;
            } while (batch == relay.batchSize());
        } catch (RuntimeException e) {
            log.warn("Could not relay dispatched side effects; the next run tries again", e);
        }
        countBacklog();
        return relayed;
    }

    private record Pending(UUID id, String intentEventId, String correlationId, String type, JsonNode payload,
            Instant dispatchedAt) {
    }

    /** One transaction: select, publish, await the acknowledgement, mark relayed, commit. */
    int relayBatch() {
        Integer relayed = transactions.execute(transaction -> {
            List<Pending> pending = jdbc.sql("""
                            SELECT id, intent_event_id, correlation_id, type, payload::text AS payload, created_at
                            FROM side_effect
                            WHERE status = 'DISPATCHED' AND relayed_at IS NULL
                            ORDER BY created_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED""")
                    .param("limit", relay.batchSize())
                    .query((rs, row) -> new Pending(rs.getObject("id", UUID.class), rs.getString("intent_event_id"),
                            rs.getString("correlation_id"), rs.getString("type"),
                            codec.mapper().readTree(rs.getString("payload")), rs.getTimestamp("created_at").toInstant()))
                    .list();
            if (pending.isEmpty()) {
                return 0;
            }
            publish(pending);
            jdbc.sql("UPDATE side_effect SET relayed_at = :now WHERE id IN (:ids)")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("ids", pending.stream().map(Pending::id).toList())
                    .update();
            afterCommit(() -> pending.forEach(sideEffect -> metrics.relayed(sideEffect.type())));
            return pending.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private void publish(List<Pending> pending) {
        CompletableFuture<?>[] sends = pending.stream()
                .map(sideEffect -> kafkaTemplate.send(new ProducerRecord<String, Object>(TOPIC,
                        sideEffect.correlationId(), event(sideEffect))))
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(sends).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying " + pending.size()
                    + " side effect(s)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(pending.size() + " side effect(s) not acknowledged by the broker",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(pending.size() + " side effect(s) not acknowledged within "
                    + publishTimeout, e);
        }
    }

    private CloudEvent event(Pending sideEffect) {
        // built in a fixed order: a re-sent event is the same bytes
        ObjectNode data = codec.mapper().createObjectNode();
        data.put("type", sideEffect.type());
        data.set("payload", sideEffect.payload());
        return new CloudEvent(CloudEvent.SPEC_VERSION_1_0, sideEffect.id().toString(), eventType(sideEffect.type()),
                source, sideEffect.dispatchedAt(), CloudEvent.JSON, sideEffect.correlationId(),
                sideEffect.intentEventId(), null, null, null, null, null, null, null, null, null, null, null, data);
    }

    private void countBacklog() {
        try {
            Long count = jdbc.sql("SELECT count(*) FROM side_effect WHERE status = 'DISPATCHED' AND relayed_at IS NULL")
                    .query(Long.class).single();
            backlog.set(count == null ? 0 : count);
        } catch (RuntimeException e) {
            log.debug("Could not count the relay backlog", e);
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
