package dev.parallelrun.ingress.intent.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.ingress.config.IngressProperties;
import dev.parallelrun.ingress.intent.application.CorrelationClaims;
import dev.parallelrun.ingress.intent.application.IdempotencyRecords;
import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyRecordCleanupTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void deletesRecordsOlderThanTheRetention() {
        List<Instant> cutoffs = new ArrayList<>();
        IdempotencyRecordCleanup cleanup = new IdempotencyRecordCleanup(new FakeRecords(cutoffs, false), new FakeClaims(),
                properties(Duration.ofDays(7)), CLOCK);

        assertThat(cleanup.deleteExpired()).isEqualTo(3);
        assertThat(cutoffs).containsExactly(Instant.parse("2026-11-15T12:00:00Z"));
    }

    @Test
    void survivesAFailedRunSoTheScheduleGoesOn() {
        IdempotencyRecordCleanup cleanup = new IdempotencyRecordCleanup(new FakeRecords(new ArrayList<>(), true), new FakeClaims(),
                properties(Duration.ofDays(7)), CLOCK);

        assertThat(cleanup.deleteExpired()).isZero();
    }

    private static IngressProperties properties(Duration retention) {
        return new IngressProperties(List.of(), null, null, null,
                new IngressProperties.Idempotency(retention, Duration.ofHours(1)),
                new IngressProperties.CorrelationIds(Duration.ofDays(30)), null, null, null, List.of(), List.of(), null, null);
    }

    private static final class FakeClaims implements CorrelationClaims {
        @Override
        public String claim(String correlationId, String eventId, String channel, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteClaimedBefore(Instant instant) {
            return 0;
        }
    }

    private record FakeRecords(List<Instant> cutoffs, boolean failing) implements IdempotencyRecords {
        @Override
        public Optional<String> insertIfAbsentAndClaim(IdempotencyRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<IdempotencyRecord> find(String channel, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteCreatedBefore(Instant instant) {
            if (failing) {
                throw new IllegalStateException("database unreachable");
            }
            cutoffs.add(instant);
            return 3;
        }
    }
}
