package dev.parallelrun.ingress;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ingress service: channel systems post business intents over HTTP; the service checks them,
 * assigns correlation ids and answers 202 once the intent is durable on Kafka.
 */
@SpringBootApplication(excludeName = {
        // channels authenticate with API keys; there are no users and no generated password
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
})
@ConfigurationPropertiesScan
public class IngressApplication {

    /** The service's configuration file: {@code ingress-service.yml} (and {@code ingress-service-<profile>.yml}). */
    public static final String CONFIG_NAME = "ingress-service";

    /** The application, reading only its own configuration files, so it can share a JVM with other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngressApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
