package dev.parallelrun.claims;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The claims service (port 8082). Its HTTP API (side effects, for auditors) and its actuator endpoints
 * authenticate: the participant kit's {@code participant.web} and the shared service-security module. No generated user.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"})
public class ClaimsServiceApplication {

    public static final String NAME = "claims-service";

    /** Reads only {@code claims-service.yml}, so every service can share one classpath. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ClaimsServiceApplication.class)
                .properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
