package dev.parallelrun.legacysystem.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stand-in's configuration ({@code legacy-system.*}).
 *
 * @param latency how long every answer takes
 * @param failureRate share of claim and quote numbers (0..1) that always answer 500, chosen deterministically by a hash of the number
 * @param slowDelay how long claim numbers starting {@code CLM-SLOW} and quote numbers starting {@code QTE-SLOW} take to answer;
 *        longer than the adapter's timeout
 */
@ConfigurationProperties("legacy-system")
public record LegacySystemProperties(Duration latency, double failureRate, Duration slowDelay) {

    public LegacySystemProperties {
        latency = latency == null ? Duration.ZERO : latency;
        slowDelay = slowDelay == null ? Duration.ofSeconds(5) : slowDelay;
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("legacy-system.failure-rate must be between 0 and 1 but was " + failureRate);
        }
        if (latency.isNegative() || slowDelay.isNegative()) {
            throw new IllegalArgumentException("legacy-system.latency and slow-delay must not be negative");
        }
    }
}
