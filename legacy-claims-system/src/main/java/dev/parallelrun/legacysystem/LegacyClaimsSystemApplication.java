package dev.parallelrun.legacysystem;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The stand-in of the legacy platform: an HTTP service with the old world's wire format and quirks (overloaded
 * status codes, half-up rounding, tax rounded per line, fixed-width code fields, slow and failing calls), for demos
 * and tests. It runs two transactions: claims ({@code claims}) and quotes ({@code pricing}).
 *
 * <p>Like a real legacy system it keeps what it decided in its own database (schema {@code legacy_system}), so its
 * idempotency on the request key survives a restart. It has no Kafka; those auto-configurations are excluded by name
 * because every module shares one classpath in the local runner. Its API authenticates its client (the legacy
 * adapter) with HTTP Basic ({@code config.ApiSecurityConfig}), its actuator endpoints the metrics scraper.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"
})
public class LegacyClaimsSystemApplication {

    /** The module's name: its configuration file is {@code legacy-claims-system.yml}. */
    public static final String NAME = "legacy-claims-system";

    /** An application builder that reads only this module's configuration file. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LegacyClaimsSystemApplication.class)
                .properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
