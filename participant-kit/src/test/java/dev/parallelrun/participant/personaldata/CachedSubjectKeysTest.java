package dev.parallelrun.participant.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedSubjectKeysTest {

    private static final String ERIKA = "ds-0123456789abcdef0123456789abcdef";

    private final List<String> asked = new ArrayList<>();
    private final Map<String, Optional<byte[]>> answers = new HashMap<>();
    private final MutableClock clock = new MutableClock();
    private final SubjectKeys source = (subjectRef, generation) -> {
        asked.add(subjectRef + ":" + generation);
        Optional<byte[]> answer = answers.get(subjectRef + ":" + generation);
        if (answer == null) {
            throw new KeyServiceUnavailableException("down", null);
        }
        return answer;
    };
    private final CachedSubjectKeys cache = new CachedSubjectKeys(source, Duration.ofSeconds(60), 2, clock);

    @Test
    void asksTheKeyServiceOncePerKeyWithinTheTimeToLive() {
        answers.put(ERIKA + ":1", Optional.of(new byte[32]));

        cache.key(ERIKA, 1);
        clock.advance(Duration.ofSeconds(59));
        cache.key(ERIKA, 1);

        assertThat(asked).containsExactly(ERIKA + ":1");
    }

    @Test
    void learnsOfAnErasureOnceTheTimeToLiveIsOver() {
        answers.put(ERIKA + ":1", Optional.of(new byte[32]));
        assertThat(cache.key(ERIKA, 1)).isPresent();
        answers.put(ERIKA + ":1", Optional.empty());

        clock.advance(Duration.ofSeconds(60));

        assertThat(cache.key(ERIKA, 1)).isEmpty();
    }

    @Test
    void keepsNoFailureAndAtMostItsSizeOfKeys() {
        assertThatThrownBy(() -> cache.key(ERIKA, 1)).isInstanceOf(KeyServiceUnavailableException.class);
        answers.put(ERIKA + ":1", Optional.of(new byte[32]));
        answers.put(ERIKA + ":2", Optional.of(new byte[32]));
        answers.put(ERIKA + ":3", Optional.of(new byte[32]));

        cache.key(ERIKA, 1);
        cache.key(ERIKA, 2);
        cache.key(ERIKA, 3);
        cache.key(ERIKA, 1);

        assertThat(asked).containsExactly(ERIKA + ":1", ERIKA + ":1", ERIKA + ":2", ERIKA + ":3", ERIKA + ":1");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-02T09:15:30Z");

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
