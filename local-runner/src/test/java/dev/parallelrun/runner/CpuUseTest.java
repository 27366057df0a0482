package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuUseTest {

    @Test
    void countsEveryBusyColumnOfProcStatButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 10 ms
        long busy = CpuUse.busyNanos("cpu  1000 20 300 99999 555 4 6 1 0 0");

        assertThat(busy).isEqualTo((1000 + 20 + 300 + 4 + 6 + 1) * 10_000_000L);
    }

    @Test
    void refusesALineThatIsNotTheCpuTotal() {
        assertThatThrownBy(() -> CpuUse.busyNanos("cpu0 1 2 3 4 5 6 7 8")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysHowManyCoresWereBusyAndTheCpuEachIntentTook() {
        CpuUse.Reading before = new CpuUse.Reading(0, 5_000_000_000L, 1_000_000_000L, 300);
        // 10 s: 18 s of machine CPU, 15 s of it this JVM's, for 900 intents
        CpuUse.Reading after = new CpuUse.Reading(10_000_000_000L, 23_000_000_000L, 16_000_000_000L, 312);

        assertThat(CpuUse.line(before, after, 900, 2)).isEqualTo("[parallel-run]   cpu during the step: 1.80 of 2 cores "
                + "busy (this JVM 1.50); 20.0 ms of CPU per intent accepted; 12 threads started");
    }

    @Test
    void saysSoWhereTheMachineDoesNotTell() {
        CpuUse.Reading unknown = new CpuUse.Reading(0, -1, -1, 0);

        assertThat(CpuUse.line(unknown, unknown, 10, 2)).endsWith("not available (no /proc/stat)");
    }
}
