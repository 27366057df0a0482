package dev.parallelrun.participant;

import dev.parallelrun.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    /** The rules every module is held to (test-support's {@link ArchitectureRules}, each with its reason). */
    @Test
    void followsThePlatformsArchitectureRules() {
        ArchitectureRules.checkAll("dev.parallelrun.participant");
    }
}
