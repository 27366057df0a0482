package dev.parallelrun.reconciliation.config;

import dev.parallelrun.reconciliation.domain.CorrelationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the reconciliation service can be told, under the prefix {@code reconciliation}. */
@ConfigurationProperties("reconciliation")
public record ReconciliationProperties(
        @DefaultValue Topics topics,
        @DefaultValue Streams streams,
        @DefaultValue Correlation correlation,
        @DefaultValue Api api,
        @DefaultValue Security security) {

    /** Partitions and replication of the topics this service declares. */
    public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
    }

    /**
     * The Kafka Streams application.
     *
     * @param applicationId also the consumer group of the correlation
     * @param stateDir      where the RocksDB state stores live
     */
    public record Streams(
            @DefaultValue("reconciliation-service") String applicationId,
            @DefaultValue("${java.io.tmpdir}/parallelrun/reconciliation-streams") Path stateDir,
            @DefaultValue("1") int threads,
            @DefaultValue("100ms") Duration commitInterval,
            @DefaultValue("1s") Duration punctuateInterval) {
    }

    /**
     * Matching windows and late grace, per bounded context with a default.
     *
     * @param duplicateRetention how long a decided pair is remembered to recognise duplicates
     */
    public record Correlation(
            @DefaultValue("30s") Duration window,
            @DefaultValue("5m") Duration grace,
            @DefaultValue("1h") Duration duplicateRetention,
            @DefaultValue Map<String, ContextTiming> contexts) {

        public CorrelationPolicy policy() {
            Map<String, CorrelationPolicy.Timing> perContext = contexts.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey,
                    e -> new CorrelationPolicy.Timing(
                            e.getValue().window() == null ? window : e.getValue().window(),
                            e.getValue().grace() == null ? grace : e.getValue().grace())));
            return new CorrelationPolicy(new CorrelationPolicy.Timing(window, grace), perContext, duplicateRetention);
        }
    }

    /** A context's own window and grace; either may be left to the default. */
    public record ContextTiming(Duration window, Duration grace) {
    }

    /** Limits of the query API. */
    public record Api(@DefaultValue("50") int defaultLimit, @DefaultValue("500") int maxLimit,
            @DefaultValue("P31D") Duration maxMatchRateWindow) {
    }

    /** The API's users. Passwords in Spring Security's encoded form, e.g. {@code {bcrypt}...}. */
    public record Security(@DefaultValue List<User> users) {
    }

    /** One API user and its roles ({@code AUDITOR}, {@code OPERATOR}, {@code ADMIN}). */
    public record User(String name, String password, List<String> roles) {
    }
}
