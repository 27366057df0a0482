package dev.parallelrun.reconciliation.replay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Replay settings under {@code reconciliation.replay}.
 *
 * @param enabled       whether this instance runs replays (every instance may; at most one runs a given replay)
 * @param pollInterval  how often an idle instance looks for a replay to run or to take over
 * @param lease         how long an instance holds a replay without renewing it: after a crash, another instance (or the
 *                      restarted one) resumes it this long after the last renewal
 * @param maxRatePerSecond the highest {@code ratePerSecond} a request may ask for
 * @param transactionInterval how long one Kafka transaction collects replayed intents before it commits them and the
 *                      position reached
 */
@ConfigurationProperties("reconciliation.replay")
public record ReplayProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("15s") Duration lease, @DefaultValue("1000") int maxRatePerSecond,
        @DefaultValue("500ms") Duration transactionInterval) {
}
