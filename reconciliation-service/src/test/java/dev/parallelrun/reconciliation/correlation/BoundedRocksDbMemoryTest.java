package dev.parallelrun.reconciliation.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    private static final Map<String, Object> BUDGET = Map.of(BoundedRocksDbMemory.OFF_HEAP_BYTES, 64L * 1024 * 1024,
            BoundedRocksDbMemory.MEMTABLE_BYTES, 16L * 1024 * 1024);

    @Test
    void givesEveryStoreTheSameBoundedCacheWithIndexAndFiltersInsideIt() {
        try (Options pending = withTable(); Options decided = withTable()) {
            new BoundedRocksDbMemory().setConfig("pending-outcomes", pending, BUDGET);
            new BoundedRocksDbMemory().setConfig("decided-pairs", decided, BUDGET);

            BlockBasedTableConfig first = (BlockBasedTableConfig) pending.tableFormatConfig();
            BlockBasedTableConfig second = (BlockBasedTableConfig) decided.tableFormatConfig();
            assertThat(first.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(first.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(pending.writeBufferSize()).isEqualTo(8L * 1024 * 1024);
            assertThat(pending.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(blockCache(first)).isNotNull().isSameAs(blockCache(second));
            assertThat(pending.writeBufferManager()).isNotNull().isSameAs(decided.writeBufferManager());
        }
    }

    @Test
    void refusesMemtablesThatWouldTakeTheWholeBudget() {
        try (Options options = withTable()) {
            assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("pending-outcomes", options,
                    Map.of(BoundedRocksDbMemory.OFF_HEAP_BYTES, 1024L, BoundedRocksDbMemory.MEMTABLE_BYTES, 1024L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BoundedRocksDbMemory.MEMTABLE_BYTES);
        }
    }

    @Test
    void refusesAConfigurationWithoutTheBudget() {
        try (Options options = withTable()) {
            assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("pending-outcomes", options, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BoundedRocksDbMemory.OFF_HEAP_BYTES);
        }
    }

    private static Options withTable() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }

    private static Object blockCache(BlockBasedTableConfig table) {
        try {
            var field = BlockBasedTableConfig.class.getDeclaredField("blockCache");
            field.setAccessible(true);
            return field.get(table);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("BlockBasedTableConfig has no blockCache field", e);
        }
    }
}
