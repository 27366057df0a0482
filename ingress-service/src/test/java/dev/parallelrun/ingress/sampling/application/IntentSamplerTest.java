package dev.parallelrun.ingress.sampling.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.ingress.sampling.domain.SamplingRate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IntentSamplerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:15:30Z"));
    private final InMemoryRates rates = new InMemoryRates();
    private final IntentSampler sampler = new IntentSampler(rates, Duration.ofSeconds(2), clock);

    @Test
    void samplesEveryIntentOfATypeWithoutARate() {
        assertThat(sampler.rateOf(ClaimsContract.CLAIM_SUBMITTED).basisPoints()).isEqualTo(10_000);
        assertThat(sampler.inSample(ClaimsContract.CLAIM_SUBMITTED, "order-1")).isTrue();
    }

    @Test
    void aRateSetHereIsInForceAtOnce() {
        sampler.rateOf(ClaimsContract.CLAIM_SUBMITTED);

        sampler.set(new SamplingRate("claims", "ClaimSubmitted", 0), "ops");

        assertThat(sampler.inSample(ClaimsContract.CLAIM_SUBMITTED, "order-1")).isFalse();
    }

    @Test
    void aRateSetElsewhereIsInForceAfterTheRefresh() {
        sampler.rateOf(ClaimsContract.CLAIM_SUBMITTED);
        rates.save(new SamplingRate("claims", "ClaimSubmitted", 0), "ops", clock.instant());

        clock.advance(Duration.ofMillis(1_999));
        assertThat(sampler.rateOf(ClaimsContract.CLAIM_SUBMITTED).basisPoints()).isEqualTo(10_000);

        clock.advance(Duration.ofMillis(1));
        assertThat(sampler.rateOf(ClaimsContract.CLAIM_SUBMITTED).basisPoints()).isZero();
    }

    @Test
    void readsTheRatesOncePerRefreshNotPerIntent() {
        for (int i = 0; i < 100; i++) {
            sampler.inSample(ClaimsContract.CLAIM_SUBMITTED, "order-" + i);
        }

        assertThat(rates.reads.get()).isEqualTo(1);
    }

    @Test
    void keepsTheLastRatesReadWhenTheStoreFails() {
        rates.save(new SamplingRate("claims", "ClaimSubmitted", 2_500), "ops", clock.instant());
        sampler.rateOf(ClaimsContract.CLAIM_SUBMITTED);
        rates.failing = true;

        clock.advance(Duration.ofSeconds(5));

        assertThat(sampler.rateOf(ClaimsContract.CLAIM_SUBMITTED).basisPoints()).isEqualTo(2_500);
    }

    private static final class InMemoryRates implements SamplingRates {

        final List<SamplingRate> saved = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean failing;

        @Override
        public synchronized List<SamplingRate> all() {
            if (failing) {
                throw new IllegalStateException("database down");
            }
            reads.incrementAndGet();
            return List.copyOf(saved);
        }

        @Override
        public synchronized void save(SamplingRate rate, String changedBy, Instant changedAt) {
            saved.removeIf(old -> old.boundedContext().equals(rate.boundedContext())
                    && old.intentType().equals(rate.intentType()));
            saved.add(rate);
        }
    }

    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
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
}
