package dev.parallelrun.pricing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The pricing service (port 8086): the new premium model, in shadow of the legacy quote transaction. Its HTTP API
 * (side effects, for auditors) and its actuator endpoints authenticate: the participant kit's {@code participant.web}
 * and the shared service-security module. No generated user.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"})
public class PricingServiceApplication {

    public static final String NAME = "pricing-service";

    /** Reads only {@code pricing-service.yml}, so every service can share one classpath. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PricingServiceApplication.class)
                .properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
