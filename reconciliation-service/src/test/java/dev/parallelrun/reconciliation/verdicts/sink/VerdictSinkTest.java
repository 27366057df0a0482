package dev.parallelrun.reconciliation.verdicts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictFixtures;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;

class VerdictSinkTest {

    private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");
    private final EventCodec codec = EventCodec.standard();
    private final FakeStore store = new FakeStore();
    private final List<ConsumerRecord<?, ?>> deadLettered = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VerdictSinkHealthIndicator health = new VerdictSinkHealthIndicator(registry);
    private boolean brokerDown;
    private final VerdictSink sink = new VerdictSink(new VerdictBatchWriter(store, health), (record, consumer, e) -> {
        if (brokerDown) {
            throw new KafkaException("Dead-letter publication to reconciliation.verdicts.v1.dlq failed");
        }
        deadLettered.add(record);
        reasons.add(StoreFailures.reason(e));
    }, registry);

    @Test
    void storesTheBatchButTheVerdictPostgresRefusesAndDeadLettersThatOneAlone() {
        List<ConsumerRecord<String, CloudEvent>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(record(i, i == 3 ? VerdictFixtures.withLegacyText("bad-" + i, "CLEAR\u0000")
                    : VerdictFixtures.revision("good-" + i, 1, START)));
        }

        sink.onVerdicts(batch, null);

        assertThat(store.stored).hasSize(9).doesNotContainKey(VerdictFixtures.verdictId("bad-3", "ClaimAssessed", 1));
        assertThat(deadLettered).singleElement().satisfies(r -> assertThat(r.offset()).isEqualTo(3));
        assertThat(reasons).singleElement().asString().contains("SQLState 22P05");
        assertThat(registry.get("reconciliation.dead.lettered").tag("topic", "reconciliation.verdicts.v1.dlq")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void deadLettersEachBadRecordOfABatchAndStoresTheRest() {
        List<ConsumerRecord<String, CloudEvent>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(record(i, i % 7 == 0 ? VerdictFixtures.withLegacyText("bad-" + i, "\u0000")
                    : VerdictFixtures.revision("good-" + i, 1, START)));
        }
        batch.add(new ConsumerRecord<>(Topics.VERDICTS, 0, 20, "key", CloudEvent.fact(UUID.randomUUID().toString(),
                "claims.ClaimSubmitted.v1", "urn:test", START, "key", "claims", codec.tree(Map.of()))));

        sink.onVerdicts(batch, null);

        assertThat(store.stored).hasSize(17);
        assertThat(deadLettered).extracting(ConsumerRecord::offset).containsExactlyInAnyOrder(0L, 7L, 14L, 20L);
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("expected a reconciliation.Verdict.v1 event"));
    }

    @Test
    void anUnavailableDatabaseFailsTheBatchDeadLettersNothingAndReportsTheWait() {
        List<ConsumerRecord<String, CloudEvent>> batch = List.of(record(0, VerdictFixtures.revision("a", 1, START)),
                record(1, VerdictFixtures.withLegacyText("bad", "\u0000")));
        store.down = true;

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> sink.onVerdicts(batch, null)).isInstanceOf(CannotGetJdbcConnectionException.class);
        }

        assertThat(deadLettered).isEmpty();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey("waitingForDatabaseSince");
        assertThat(registry.get("reconciliation.verdict.sink.waiting.for.database").gauge().value()).isEqualTo(1);
        assertThat(registry.get("reconciliation.verdict.sink.database.unavailable").counter().count()).isEqualTo(3);

        store.down = false;
        sink.onVerdicts(batch, null);

        assertThat(store.stored).hasSize(1);
        assertThat(deadLettered).hasSize(1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registry.get("reconciliation.verdict.sink.waiting.for.database").gauge().value()).isZero();
    }

    @Test
    void aDeadLetterTheBrokerDoesNotAcknowledgeFailsTheBatchSoItIsNotCommitted() {
        List<ConsumerRecord<String, CloudEvent>> batch = List.of(record(0, VerdictFixtures.revision("a", 1, START)),
                record(1, VerdictFixtures.withLegacyText("bad", "\u0000")));
        brokerDown = true;

        assertThatThrownBy(() -> sink.onVerdicts(batch, null)).isInstanceOf(KafkaException.class);

        brokerDown = false;
        sink.onVerdicts(batch, null);
        assertThat(store.stored).hasSize(1);
        assertThat(deadLettered).singleElement().satisfies(r -> assertThat(r.offset()).isEqualTo(1));
    }

    private ConsumerRecord<String, CloudEvent> record(long offset, Verdict verdict) {
        CloudEvent event = CloudEvent.fact(verdict.verdictId(), Verdict.EVENT_TYPE, "urn:test", verdict.decidedAt(),
                verdict.correlationId(), verdict.context(), codec.tree(verdict));
        return new ConsumerRecord<>(Topics.VERDICTS, 0, offset, verdict.correlationId(), event);
    }

    /** Refuses a verdict with a NUL in its legacy outcome as PostgreSQL does (jsonb), whatever else the batch holds. */
    private static final class FakeStore extends VerdictStore {
        final Map<String, Verdict> stored = new LinkedHashMap<>();
        boolean down;

        FakeStore() {
            super(null, null);
        }

        @Override
        public List<Verdict> saveAll(List<Verdict> batch) {
            if (down) {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("database \"reconciliation\" is not currently accepting connections", "55000"));
            }
            for (Verdict verdict : batch) {
                if (verdict.legacy() != null && verdict.legacy().toString().contains("\\u0000")) {
                    throw new DataIntegrityViolationException("PreparedStatementCallback",
                            new SQLException("ERROR: unsupported Unicode escape sequence", "22P05"));
                }
            }
            List<Verdict> fresh = new ArrayList<>();
            for (Verdict verdict : batch) {
                if (stored.putIfAbsent(verdict.verdictId(), verdict) == null) {
                    fresh.add(verdict);
                }
            }
            return fresh;
        }
    }
}
