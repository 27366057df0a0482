package dev.parallelrun.adapter;

import dev.parallelrun.participant.CommonPool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The legacy adapter: consumes canonical intents, calls the legacy platform, publishes its answers
 * as canonical outcomes on {@code outcomes.legacy.v1}.
 *
 * <p>Its HTTP API is the participant kit's ({@code participant.web}): {@code GET /api/v1/side-effects}, the record of
 * the bookings and quotes it asked legacy for, for auditors; actuator endpoints, health for anyone and the rest for
 * the metrics scraper (the shared service-security module). Anything else is denied.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"
})
public class LegacyAdapterApplication {

    /** The module's name: its configuration file is {@code legacy-adapter.yml}, its consumer group this name. */
    public static final String NAME = "legacy-adapter";

    /** An application builder that reads only this module's configuration file. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LegacyAdapterApplication.class)
                .properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        CommonPool.atLeastTwoThreads(); // its HTTP client hands every legacy answer over through the common pool
        builder().run(args);
    }
}
