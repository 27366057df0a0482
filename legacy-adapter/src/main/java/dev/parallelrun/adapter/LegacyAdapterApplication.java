package dev.parallelrun.adapter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The legacy adapter: consumes canonical intents, calls the legacy platform, publishes its answers
 * as canonical outcomes on {@code outcomes.legacy.v1}.
 *
 * <p>It serves no HTTP API of its own: only actuator endpoints, health for anyone and the rest for the
 * metrics scraper (the shared service-security module); {@code config.ApiSecurityConfig} denies anything else.
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
        builder().run(args);
    }
}
