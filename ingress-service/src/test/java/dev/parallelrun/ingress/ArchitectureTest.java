package dev.parallelrun.ingress;

import dev.parallelrun.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    /**
     * The rules every module is held to (test-support's {@link ArchitectureRules}, each with its reason): among them,
     * the domain is plain Java (the JSON Schema validator lives in {@code intent.schema}, outside it) and use cases
     * reach Kafka and the database only through their ports.
     */
    @Test
    void followsThePlatformsArchitectureRules() {
        ArchitectureRules.checkAll("dev.parallelrun.ingress");
    }
}
