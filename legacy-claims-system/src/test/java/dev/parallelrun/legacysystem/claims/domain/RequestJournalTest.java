package dev.parallelrun.legacysystem.claims.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestJournalTest {

    private final LegacyDecision first = new LegacyDecision("CLM-1", LegacyStatus.APPROVED, "N", 10, "", 100, 110, "",
            List.of());
    private final LegacyDecision second = new LegacyDecision("CLM-1", LegacyStatus.NOT_PAID, "Y", 90, "R01", 0, 110, "",
            List.of());

    @Test
    void returnsTheFirstDecisionForARepeatedKeyWithoutDecidingAgain() {
        RequestJournal journal = new RequestJournal(10);
        AtomicInteger decided = new AtomicInteger();

        RequestJournal.Replayable one = journal.decideOnce("k", () -> { decided.incrementAndGet(); return first; });
        RequestJournal.Replayable two = journal.decideOnce("k", () -> { decided.incrementAndGet(); return second; });

        assertThat(one).isEqualTo(new RequestJournal.Replayable(first, false));
        assertThat(two).isEqualTo(new RequestJournal.Replayable(first, true));
        assertThat(decided).hasValue(1);
    }

    @Test
    void countsCallsAndDecisionsPerKey() {
        RequestJournal journal = new RequestJournal(10);

        journal.recordCall("k");
        journal.decideOnce("k", () -> first);
        journal.recordCall("k");
        journal.decideOnce("k", () -> first);
        journal.recordCall("failing");

        assertThat(journal.usage("k")).isEqualTo(new RequestJournal.Usage(2, 1));
        assertThat(journal.usage("failing")).isEqualTo(new RequestJournal.Usage(1, 0));
        assertThat(journal.usage("unknown")).isEqualTo(new RequestJournal.Usage(0, 0));
    }

    @Test
    void forgetsTheOldestKeysBeyondItsCapacity() {
        RequestJournal journal = new RequestJournal(2);

        journal.decideOnce("a", () -> first);
        journal.decideOnce("b", () -> first);
        journal.decideOnce("c", () -> first);

        assertThat(journal.usage("a").decisions()).isZero();
        assertThat(journal.usage("b").decisions()).isOne();
        assertThat(journal.usage("c").decisions()).isOne();
    }
}
