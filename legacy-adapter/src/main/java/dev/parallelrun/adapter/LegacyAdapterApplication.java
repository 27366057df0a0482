package dev.parallelrun.adapter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The legacy adapter: consumes canonical intents, calls the legacy platform, publishes its answers
 * as canonical outcomes on {@code outcomes.legacy.v1}.
 *
 * <p>It serves no authenticated HTTP API (only actuator endpoints), so the security
 * auto-configurations are excluded by name: in the local runner every module shares one classpath.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
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
