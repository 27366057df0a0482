package dev.parallelrun.reconciliation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The reconciliation service: correlation, comparison, classification, verdict store and the auditor API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReconciliationApplication {

    public static final String NAME = "reconciliation-service";

    /** Reads only {@code reconciliation-service.yml}, so every service can share one classpath. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ReconciliationApplication.class)
                .properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
