package dev.parallelrun.reconciliation.verdicts.sink;

import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stores a batch of verdicts so that a verdict PostgreSQL refuses fails nothing but itself. The batch is
 * written in one transaction; if PostgreSQL refuses its data, each half is written on its own, down to the
 * single verdict it refuses, which is set aside with the reason. A batch with one bad verdict costs about
 * 2·log2(n) more transactions, and only when one turns up. Every write is idempotent, so writing part of a
 * batch twice is harmless.
 *
 * <p>A failure that is not the data's (see {@link StoreFailures}) is thrown at once: the whole batch is tried
 * again later, nothing is set aside.
 */
@Component
class VerdictBatchWriter {

    private final VerdictStore store;
    private final VerdictSinkHealthIndicator health;

    VerdictBatchWriter(VerdictStore store, VerdictSinkHealthIndicator health) {
        this.store = store;
        this.health = health;
    }

    /**
     * @param <S> where a verdict came from (its record), handed back with a refused verdict
     * @return the verdicts that were new and the ones PostgreSQL refused
     */
    <S> Written<S> write(List<Item<S>> batch) {
        List<Verdict> stored = new ArrayList<>();
        List<Refused<S>> refused = new ArrayList<>();
        write(batch, stored, refused);
        health.databaseAvailable();
        return new Written<>(stored, refused);
    }

    private <S> void write(List<Item<S>> items, List<Verdict> stored, List<Refused<S>> refused) {
        if (items.isEmpty()) {
            return;
        }
        try {
            stored.addAll(store.saveAll(items.stream().map(Item::verdict).toList()));
        } catch (RuntimeException e) {
            if (!StoreFailures.isCausedByData(e)) {
                health.databaseUnavailable(e);
                throw e;
            }
            if (items.size() == 1) {
                refused.add(new Refused<>(items.get(0).source(), e));
                return;
            }
            int half = items.size() / 2;
            write(items.subList(0, half), stored, refused);
            write(items.subList(half, items.size()), stored, refused);
        }
    }

    /** A verdict to store and where it came from. */
    record Item<S>(S source, Verdict verdict) {
    }

    /** A verdict PostgreSQL refused, by where it came from, and why. */
    record Refused<S>(S source, RuntimeException failure) {
    }

    /** What a batch came to. */
    record Written<S>(List<Verdict> stored, List<Refused<S>> refused) {
    }
}
