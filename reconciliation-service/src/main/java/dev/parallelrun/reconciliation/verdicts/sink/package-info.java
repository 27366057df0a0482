/**
 * The verdict sink: {@code reconciliation.verdicts.v1} into PostgreSQL, batched and idempotent. It exists
 * apart from the correlation because Streams' exactly-once ends at Kafka. Its one rule for failures: a bad
 * record is dead-lettered alone, with its reason; an unavailable database is waited out, however long, and
 * costs no record. Beside it, the intents sampling left out are counted into PostgreSQL the same way, for the
 * match rates to say how many intents they do not rest on.
 */
package dev.parallelrun.reconciliation.verdicts.sink;
