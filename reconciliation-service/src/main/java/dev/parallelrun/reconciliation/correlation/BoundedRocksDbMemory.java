package dev.parallelrun.reconciliation.correlation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB state store of this process by one shared budget.
 *
 * <p>Left to its defaults, each RocksDB instance (one per store per partition: 11 stores × the outcome partitions
 * here) takes its own 50 MB block cache and up to three 16 MB memtables, so the correlation's off-heap memory grows
 * with the partitions it owns and, through index and filter blocks that live outside the cache, with the number of
 * open correlations. Here every instance shares one LRU cache ({@code reconciliation.streams.rocksdb-off-heap}), the
 * memtables are charged to that same cache by one {@link WriteBufferManager} (at most
 * {@code reconciliation.streams.rocksdb-memtables} of it), and
 * index and filter blocks are cached there too (pinned at high priority, so lookups do not thrash), which is what
 * keeps millions of waiting outcomes on disk rather than in memory. Kafka Streams' own record caches
 * ({@code statestore.cache.max.bytes}) are on the heap and separate.
 *
 * <p>Kafka Streams creates this class by name; the two budgets arrive in its configuration. The cache and the write
 * buffer manager are shared for the life of the process and deliberately never closed by a store.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams configuration key: the whole off-heap budget in bytes (block cache, memtables, index and filters). */
    public static final String OFF_HEAP_BYTES = "parallelrun.rocksdb.off-heap.bytes";
    /** Streams configuration key: how much of the off-heap budget the memtables may take, in bytes. */
    public static final String MEMTABLE_BYTES = "parallelrun.rocksdb.memtable.bytes";

    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_SIZE = 8L * 1024 * 1024;
    private static final long BLOCK_SIZE = 16L * 1024;

    private static final Map<Budget, Shared> SHARED = new ConcurrentHashMap<>();

    private record Budget(long offHeapBytes, long memtableBytes) {
    }

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget budget = new Budget(bytes(configs, OFF_HEAP_BYTES), bytes(configs, MEMTABLE_BYTES));
        if (budget.memtableBytes() >= budget.offHeapBytes()) {
            throw new IllegalArgumentException(MEMTABLE_BYTES + " must be less than " + OFF_HEAP_BYTES);
        }
        Shared shared = SHARED.computeIfAbsent(budget, b -> {
            Cache cache = new LRUCache(b.offHeapBytes(), -1, false, INDEX_AND_FILTER_SHARE);
            return new Shared(cache, new WriteBufferManager(b.memtableBytes(), cache));
        });
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setWriteBufferSize(Math.min(MEMTABLE_SIZE, budget.memtableBytes()));
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: not closed per store
    }

    private static long bytes(Map<String, Object> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Kafka Streams configuration lacks " + key);
        }
        long bytes = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
        if (bytes <= 0) {
            throw new IllegalArgumentException(key + " must be positive, was " + bytes);
        }
        return bytes;
    }
}
