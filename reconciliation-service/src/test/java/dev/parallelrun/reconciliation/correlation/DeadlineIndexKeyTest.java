package dev.parallelrun.reconciliation.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineIndexKeyTest {

    private static final long[] DEADLINES = {0L, 7L, 1_733_450_000_000L, 999_999_999_999_999_999L, Long.MAX_VALUE,
            -1L, Long.MIN_VALUE};

    @Test
    void writesTheKeysTheIndexHasAlwaysHeld() {
        for (long deadline : DEADLINES) {
            assertThat(DeadlineIndex.indexKey(deadline, 'P', "claims|c-1|decision"))
                    .isEqualTo(String.format("%019d|%c|%s", deadline, 'P', "claims|c-1|decision"));
        }
    }

    @Test
    void sortsByDeadlineFirst() {
        List<String> keys = new ArrayList<>();
        for (long deadline : new long[] {1_733_450_000_001L, 9L, 1_733_450_000_000L, 10L}) {
            keys.add(DeadlineIndex.indexKey(deadline, 'D', "a"));
        }
        keys.sort(null);
        assertThat(keys).extracting(key -> Long.parseLong(key.substring(0, 19)))
                .containsExactly(9L, 10L, 1_733_450_000_000L, 1_733_450_000_001L);
    }
}
