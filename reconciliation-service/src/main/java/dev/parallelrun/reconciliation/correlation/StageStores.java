package dev.parallelrun.reconciliation.correlation;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The four stores that held a pair's stages before the one pair store ({@code pending-outcomes}, {@code decided-pairs},
 * {@code seen-pairs}, {@code expected-outcomes}), emptied into it after an upgrade so that no open correlation is lost.
 *
 * <p>The move is gradual, because a task's whole state moved in one go would be one Streams transaction that outlives
 * its timeout: a pair still here is taken on first use ({@link #take}), and every punctuation moves up to
 * {@link #MOVE_PER_PUNCTUATION} more ({@link #moveSome}). Once they are empty, the correlation stops reading them.
 */
final class StageStores {

    static final int MOVE_PER_PUNCTUATION = 10_000;
    private static final String[] NAMES = {PairCorrelator.EXPECTED_STORE, PairCorrelator.PENDING_STORE,
            PairCorrelator.DECIDED_STORE, PairCorrelator.SEEN_STORE};

    private final List<KeyValueStore<String, Object>> stores = new ArrayList<>();
    /** Per store, the last key moved: the next move reads on from there, not through the deleted keys again. */
    private final String[] movedUpTo = new String[NAMES.length];

    private StageStores(ProcessorContext<?, ?> context) {
        for (String name : NAMES) {
            stores.add(context.getStateStore(name));
        }
    }

    /** The stage stores, or {@code null} when they hold nothing (a new deployment, or the move is done). */
    static StageStores ifAnyLeft(ProcessorContext<?, ?> context) {
        StageStores stages = new StageStores(context);
        return stages.isEmpty() ? null : stages;
    }

    /** The pair's state if one of the stage stores still holds it, removed from there; {@code null} otherwise. */
    PairState take(String key) {
        for (KeyValueStore<String, Object> store : stores) {
            Object value = store.get(key);
            if (value != null) {
                store.delete(key);
                return state(value);
            }
        }
        return null;
    }

    /** How many outcomes still wait in the pending stage store. */
    long pendingLeft() {
        long count = 0;
        try (KeyValueIterator<String, Object> all = stores.get(1).all()) {
            for (; all.hasNext(); all.next()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Moves up to {@link #MOVE_PER_PUNCTUATION} entries into the pair store.
     *
     * @return whether the stage stores are empty now
     */
    boolean moveSome(KeyValueStore<String, PairState> pairs) {
        int budget = MOVE_PER_PUNCTUATION;
        for (int i = 0; i < stores.size(); i++) {
            KeyValueStore<String, Object> store = stores.get(i);
            List<KeyValue<String, Object>> chunk = new ArrayList<>();
            try (KeyValueIterator<String, Object> rest = store.range(movedUpTo[i], null)) {
                while (rest.hasNext() && chunk.size() < budget) {
                    chunk.add(rest.next());
                }
            }
            if (!chunk.isEmpty()) {
                movedUpTo[i] = chunk.get(chunk.size() - 1).key;
            }
            for (KeyValue<String, Object> entry : chunk) {
                // a pair in two stores (never written so): the later stage, moved last, wins
                pairs.put(entry.key, state(entry.value));
                store.delete(entry.key);
            }
            budget -= chunk.size();
            if (budget == 0) {
                return isEmpty();
            }
        }
        return true;
    }

    /** Nothing is ever added to a stage store, so what lies before the keys moved up to is gone. */
    private boolean isEmpty() {
        for (int i = 0; i < stores.size(); i++) {
            try (KeyValueIterator<String, Object> rest = stores.get(i).range(movedUpTo[i], null)) {
                if (rest.hasNext()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static PairState state(Object value) {
        return value instanceof Long until ? new SeenPair(until) : (PairState) value;
    }
}
