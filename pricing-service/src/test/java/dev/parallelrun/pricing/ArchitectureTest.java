package dev.parallelrun.pricing;

import dev.parallelrun.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void followsThePlatformsArchitectureRules() {
        ArchitectureRules.checkAll("dev.parallelrun.pricing");
    }
}
