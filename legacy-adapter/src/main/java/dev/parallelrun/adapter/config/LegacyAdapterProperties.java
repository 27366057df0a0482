package dev.parallelrun.adapter.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What only the adapter configures ({@code legacy-adapter.*}): how it calls legacy. What every participant configures
 * (consumer, retry, publishing, topics, retention) is the participant kit's {@code participant.*}.
 *
 * @param legacy how to call the legacy platform
 */
@ConfigurationProperties("legacy-adapter")
public record LegacyAdapterProperties(Legacy legacy) {

    public LegacyAdapterProperties {
        Objects.requireNonNull(legacy, "legacy-adapter.legacy is required");
    }

    /**
     * @param baseUrl where the legacy platform listens, e.g. {@code http://localhost:8090}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for an answer, per attempt
     * @param retry how technical failures are retried
     */
    public record Legacy(URI baseUrl, Duration connectTimeout, Duration readTimeout, Retry retry) {

        public Legacy {
            Objects.requireNonNull(baseUrl, "legacy-adapter.legacy.base-url is required");
            requirePositive(connectTimeout, "legacy-adapter.legacy.connect-timeout");
            requirePositive(readTimeout, "legacy-adapter.legacy.read-timeout");
            Objects.requireNonNull(retry, "legacy-adapter.legacy.retry is required");
        }
    }

    /**
     * A bounded exponential backoff.
     *
     * @param maxAttempts attempts in all, the first included (at least 1)
     * @param initialBackoff the wait before the first retry
     * @param multiplier the factor each further wait grows by (at least 1)
     * @param maxBackoff the longest single wait
     */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max-attempts must be at least 1 but was " + maxAttempts);
            }
            requirePositive(initialBackoff, "initial-backoff");
            requirePositive(maxBackoff, "max-backoff");
            if (multiplier < 1) {
                throw new IllegalArgumentException("multiplier must be at least 1 but was " + multiplier);
            }
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + duration);
        }
    }
}
