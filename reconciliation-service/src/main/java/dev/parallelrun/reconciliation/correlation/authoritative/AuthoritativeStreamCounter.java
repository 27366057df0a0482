package dev.parallelrun.reconciliation.correlation.authoritative;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.correlation.authoritative.domain.OutcomeAuthority.FallbackReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts authoritative outcomes and fallbacks from what the correlation committed: it reads
 * {@code outcomes.authoritative.v1} and the intent topics (for the fallback intents) with {@code read_committed},
 * so a Streams transaction that aborted (a crash, a fenced instance) is never counted, and what its retry commits
 * is counted once. Counting inside the stream task instead would count an aborted attempt and its retry both.
 *
 * <p>What stays: the reader commits its offsets after counting, so a crash of this service between counting and
 * committing counts those few records again in the restarted process (whose counters start at zero anyway,
 * which Prometheus' {@code increase()} treats as a reset). It starts at the end of the topics: counters describe
 * this process's lifetime, like every other counter.
 */
public final class AuthoritativeStreamCounter {

    private static final Logger log = LoggerFactory.getLogger(AuthoritativeStreamCounter.class);

    private final AuthorityMetrics metrics;
    private final EventCodec codec = EventCodec.standard();

    public AuthoritativeStreamCounter(AuthorityMetrics metrics) {
        this.metrics = metrics;
    }

    /** The topics to read: the authoritative stream and the intent topics of the given contexts. */
    public static Pattern topics(List<String> contexts) {
        return Pattern.compile(Stream.concat(Stream.of(Topics.AUTHORITATIVE_OUTCOMES),
                contexts.stream().sorted().map(Topics::intents)).map(Pattern::quote).collect(Collectors.joining("|")));
    }

    /**
     * Counts one committed record. Only what can count is decoded: every record of the authoritative stream, and on the
     * intent topics only a record carrying the fallback-reason header, which reconciliation puts on the fallbacks it
     * issues; a replayed intent is counted by its replay header alone; every other intent is skipped unread. Anything
     * unreadable is skipped.
     */
    public void count(ConsumerRecord<String, byte[]> record) {
        try {
            if (Topics.AUTHORITATIVE_OUTCOMES.equals(record.topic())) {
                CloudEvent event = decode(record);
                if (event != null) {
                    metrics.authoritativeOutcome(event.boundedContext(), event.outcomeSide(), event.status());
                }
                return;
            }
            if (record.headers().lastHeader(Headers.REPLAY_ID) != null) {
                // put there by the replay runner on every intent it publishes: the topic names the context
                metrics.replayedIntent(record.topic().substring("intents.".length(), record.topic().length() - ".v1".length()));
                return;
            }
            Header reason = record.headers().lastHeader(AuthoritativeOutcomes.FALLBACK_REASON_HEADER);
            FallbackReason named = reason == null ? null
                    : FallbackReason.fromWire(new String(reason.value(), StandardCharsets.UTF_8));
            if (named == null) {
                return;
            }
            CloudEvent event = decode(record);
            if (event != null && event.isFallback() && event.side() == null) {
                metrics.fallback(event.boundedContext(), named); // issued by reconciliation, not by a test or a tool
            }
        } catch (RuntimeException e) {
            log.debug("not counting {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    private CloudEvent decode(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? null : codec.read(record.value());
    }
}
