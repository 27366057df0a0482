package dev.parallelrun.reconciliation.ops.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the ops metrics can be told, under {@code reconciliation.metrics} (environment variables by
 * relaxed binding, e.g. {@code RECONCILIATION_METRICS_MATCHRATE_TARGET=0.98}).
 *
 * @param matchRate     the match-rate gauge computed from the verdict store
 * @param verdicts      the verdict-topic reader behind the decided-verdict counters and the latency histogram
 * @param consumerLag   the consumer-lag and dead-letter monitor
 */
@ConfigurationProperties("reconciliation.metrics")
public record ReconciliationMetricsProperties(
        @DefaultValue MatchRate matchRate,
        @DefaultValue Verdicts verdicts,
        @DefaultValue ConsumerLag consumerLag) {

    /**
     * @param window          match rate = agree / (agree + disagree) over the current verdicts decided in this window
     * @param refreshInterval how often the verdict store is queried
     * @param target          the match rate a context must reach before the new service may take authority
     * @param targets         per-context targets that override {@code target}
     */
    public record MatchRate(
            @DefaultValue("15m") Duration window,
            @DefaultValue("30s") Duration refreshInterval,
            @DefaultValue("0.95") double target,
            @DefaultValue Map<String, Double> targets) {

        public double targetOf(String context) {
            return targets.getOrDefault(context, target);
        }
    }

    /**
     * @param enabled whether the verdict topic is read for metrics
     * @param groupId its consumer group; it starts at the end of the topic, so a new group never counts history
     */
    public record Verdicts(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("reconciliation-service.verdict-metrics") String groupId) {
    }

    /**
     * @param enabled   whether lag is monitored
     * @param interval  how often the admin API is asked
     * @param timeout   for each admin call
     * @param groups    the consumer groups to watch; empty: every consumer group the cluster knows
     * @param maxGroups a bound on the label values when groups are discovered
     */
    public record ConsumerLag(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15s") Duration interval,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue List<String> groups,
            @DefaultValue("50") int maxGroups) {
    }
}
